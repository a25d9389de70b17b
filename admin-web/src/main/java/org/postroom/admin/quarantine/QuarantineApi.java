package org.postroom.admin.quarantine;

import java.security.Principal;

import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.antispam.Lesson;
import org.postroom.admin.antispam.LessonResult;
import org.postroom.admin.api.PageView;
import org.postroom.storage.quarantine.ReleaseReceipt;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Quarantine", description = "Messages held back by the inbound checks until an administrator decides")
@RequestMapping("/api/v1/quarantine")
@DomainScoped(heldMessageId = true)
class QuarantineApi {

    private final QuarantineView view;
    private final QuarantineDecisions decisions;

    QuarantineApi(QuarantineView view, QuarantineDecisions decisions) {
        this.view = view;
        this.decisions = decisions;
    }

    @Operation(summary = "Held messages, newest first, a page at a time",
            description = "With domain, only those with a recipient at that domain.")
    @GetMapping
    PageView<HeldMessageView> list(@RequestParam(required = false) String domain,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return view.page(domain, page, size);
    }

    @Operation(summary = "One held (or released) message with its header section and the start of its body",
            description = "404 once it was deleted or expired.")
    @GetMapping("/{id}")
    HeldMessageDetail get(@PathVariable long id) {
        return view.detail(id);
    }

    @Operation(summary = "Deliver a held message to its recipients",
            description = "Each recipient is resolved again; one that takes no mail any more is listed as "
                    + "undeliverable; a user who released or deleted their own copy on the account page is left out. "
                    + "409 when it was released already or cannot be delivered (a mailbox full, no recipient left); "
                    + "it then stays held.")
    @PostMapping("/{id}/release")
    ReleaseReceipt release(@PathVariable long id, Principal administrator) {
        return decisions.release(id, administrator);
    }

    @Operation(summary = "Teach the spam filter that a held (or released) message is spam or not",
            description = "Body {\"lesson\": \"spam\"} or {\"lesson\": \"ham\"} (not spam); the message stays as it "
                    + "is (release or delete it besides). 200 with the outcome (learned, already-learned) when the "
                    + "filter knows it so now; 502 when the filter refused or could not be reached; 409 when no spam "
                    + "filter learns here (postroom.antispam.rspamd.controller-url unset); 404 once deleted or expired.")
    @PostMapping("/{id}/learn")
    ResponseEntity<?> learn(@PathVariable long id, @RequestBody LessonRequest body, Principal administrator) {
        Lesson lesson = Lesson.of(body == null ? null : body.lesson());
        LessonResult result = decisions.learn(id, lesson, administrator);
        if (!result.learned()) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_GATEWAY, "the spam filter did not learn message " + id + ": "
                            + result.outcome().word() + ", " + result.detail()));
        }
        return ResponseEntity.ok(new LessonView(id, lesson.word(), result.outcome().word(), result.detail()));
    }

    @Operation(summary = "Delete a held message without delivering it", description = "409 once it was released.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, Principal administrator) {
        decisions.delete(id, administrator);
        return ResponseEntity.noContent().build();
    }
}

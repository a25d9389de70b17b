package org.postroom.admin.quarantine;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.antispam.Lesson;
import org.postroom.admin.antispam.LessonResult;
import org.postroom.admin.console.Confirmation;
import org.postroom.admin.domain.VisibleDomains;
import org.postroom.storage.quarantine.ReleaseReceipt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/quarantine")
@DomainScoped(heldMessageId = true)
class QuarantinePages {

    private static final int PAGE_SIZE = 50;

    private final QuarantineView view;
    private final QuarantineDecisions decisions;
    private final VisibleDomains domains;

    QuarantinePages(QuarantineView view, QuarantineDecisions decisions, VisibleDomains domains) {
        this.view = view;
        this.decisions = decisions;
        this.domains = domains;
    }

    @GetMapping
    String list(@RequestParam(required = false) String domain, @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("held", view.page(domain, page, PAGE_SIZE));
        model.addAttribute("domains", domains.list());
        model.addAttribute("domain", domain == null || domain.isBlank() ? null : domain);
        return "quarantine/list";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("detail", view.detail(id));
        model.addAttribute("learning", decisions.learning());
        return "quarantine/show";
    }

    /** "Not spam": the spam filter learns so, and the message is released, whatever the filter made of the lesson. */
    @PostMapping("/{id}/not-spam")
    String notSpam(@PathVariable long id, Principal administrator, RedirectAttributes redirect) {
        LessonResult lesson = decisions.learn(id, Lesson.HAM, administrator);
        ReleaseReceipt receipt = decisions.release(id, administrator);
        redirect.addFlashAttribute("notice", released(receipt) + " " + lesson.sentence(Lesson.HAM));
        return "redirect:/quarantine";
    }

    /** "Spam": the spam filter learns so; the message stays where it is. */
    @PostMapping("/{id}/spam")
    String spam(@PathVariable long id, Principal administrator, RedirectAttributes redirect) {
        LessonResult lesson = decisions.learn(id, Lesson.SPAM, administrator);
        redirect.addFlashAttribute("notice", lesson.sentence(Lesson.SPAM));
        return "redirect:/quarantine/" + id;
    }

    @PostMapping("/{id}/release")
    String release(@PathVariable long id, Principal administrator, RedirectAttributes redirect) {
        ReleaseReceipt receipt = decisions.release(id, administrator);
        redirect.addFlashAttribute("notice", released(receipt));
        return "redirect:/quarantine";
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        HeldMessageView message = view.detail(id).message();
        model.addAttribute("nav", "quarantine");
        model.addAttribute("confirm", Confirmation.of("Delete held message " + id,
                "Delete the message from " + (message.sender().isEmpty() ? "<>" : message.sender()) + "?",
                "It is removed for good and none of its recipients gets it; the sender is not told.",
                "/quarantine/" + id + "/delete", "/quarantine/" + id, "Delete message"));
        return Confirmation.VIEW;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, Principal administrator, RedirectAttributes redirect) {
        decisions.delete(id, administrator);
        redirect.addFlashAttribute("notice", "Message " + id + " was deleted; no one will get it.");
        return "redirect:/quarantine";
    }

    private static String released(ReleaseReceipt receipt) {
        List<String> sentences = new ArrayList<>();
        sentences.add(receipt.delivered().isEmpty()
                ? "Message " + receipt.messageId() + " was released; each of its recipients had decided on it already."
                : "Message " + receipt.messageId() + " was released to " + String.join(", ", receipt.delivered()) + ".");
        if (!receipt.overQuota().isEmpty()) {
            sentences.add("Not delivered, mailbox full: " + String.join(", ", receipt.overQuota()) + ".");
        }
        if (!receipt.undeliverable().isEmpty()) {
            sentences.add("Not delivered, no longer takes mail: " + String.join(", ", receipt.undeliverable()) + ".");
        }
        return String.join(" ", sentences);
    }
}

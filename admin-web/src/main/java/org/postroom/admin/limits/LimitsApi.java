package org.postroom.admin.limits;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.postroom.admin.access.DomainScoped;
import org.postroom.storage.limits.SendingLimitSettings;
import org.postroom.storage.limits.Suspensions;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Sending limits", description = "Users' and domains' sending limits, usage, suspended sending")
@RequestMapping("/api/v1")
@DomainScoped
class LimitsApi {

    private final LimitsViews views;
    private final SendingLimitSettings settings;
    private final Suspensions suspensions;
    private final Clock clock = Clock.systemUTC();

    LimitsApi(LimitsViews views, SendingLimitSettings settings, Suspensions suspensions) {
        this.views = views;
        this.settings = settings;
        this.suspensions = suspensions;
    }

    @Operation(summary = "A user's sending limits, usage and suspension", description = "limits: the user's own (null: "
            + "not set); inherited: the domain's or the server's; effective: what applies; usage: this clock hour and "
            + "the last 24; suspension: null unless their sending is suspended.")
    @GetMapping("/users/{address}/limits")
    LimitsView user(@PathVariable String address) {
        return views.ofUser(address);
    }

    @Operation(summary = "Change a user's sending limits", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = LimitsChange.class))))
    @PatchMapping(path = "/users/{address}/limits",
            consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
    LimitsView changeUser(@PathVariable String address, @RequestBody Map<String, Object> body) {
        settings.setForUser(address, LimitsChange.apply(body, views.ofUser(address).limits()));
        return user(address);
    }

    @Operation(summary = "A domain's sending limits", description = "limits: the domain's (null: not set); inherited: "
            + "the server's; effective: what its users without their own take.")
    @GetMapping("/domains/{name}/limits")
    LimitsView domain(@PathVariable String name) {
        return views.ofDomain(name);
    }

    @Operation(summary = "Change a domain's sending limits", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = LimitsChange.class))))
    @PatchMapping(path = "/domains/{name}/limits",
            consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
    LimitsView changeDomain(@PathVariable String name, @RequestBody Map<String, Object> body) {
        settings.setForDomain(name, LimitsChange.apply(body, settings.ofDomain(name)));
        return domain(name);
    }

    @Operation(summary = "Users whose sending is suspended", description = "The latest suspended first.")
    @GetMapping("/suspensions")
    List<LimitsView.SuspensionView> suspended() {
        return views.suspended().stream().map(LimitsView.SuspensionView::of).toList();
    }

    @Operation(summary = "Lift a user's suspended sending", description = "404 when the user's sending is not "
            + "suspended. Who lifted it and when is kept.")
    @DeleteMapping("/users/{address}/suspension")
    ResponseEntity<Void> lift(@PathVariable String address, Principal administrator) {
        Lifts.lift(suspensions, address, administrator, clock);
        return ResponseEntity.noContent().build();
    }
}

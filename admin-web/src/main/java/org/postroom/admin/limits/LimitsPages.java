package org.postroom.admin.limits;

import java.security.Principal;
import java.time.Clock;

import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.console.Links;
import org.postroom.storage.limits.SendingLimitSettings;
import org.postroom.storage.limits.Suspensions;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The forms of the sending limits card on the user's and the domain's page; each goes back to that page. */
@Controller
@DomainScoped
class LimitsPages {

    private final SendingLimitSettings settings;
    private final Suspensions suspensions;
    private final Clock clock;

    LimitsPages(SendingLimitSettings settings, Suspensions suspensions) {
        this.settings = settings;
        this.suspensions = suspensions;
        this.clock = Clock.systemUTC();
    }

    @PostMapping("/users/{address}/limits")
    String setForUser(@PathVariable String address, LimitsForm form, RedirectAttributes redirect) {
        settings.setForUser(address, form.limits());
        redirect.addFlashAttribute("notice", "The sending limits of " + address + " were saved.");
        return "redirect:" + Links.path("users", address) + "#limits";
    }

    @PostMapping("/domains/{name}/limits")
    String setForDomain(@PathVariable String name, LimitsForm form, RedirectAttributes redirect) {
        settings.setForDomain(name, form.limits());
        redirect.addFlashAttribute("notice", "The sending limits of " + name + " were saved. Its users without limits "
                + "of their own have them now.");
        return "redirect:" + Links.path("domains", name) + "#limits";
    }

    @PostMapping("/users/{address}/suspension/lift")
    String lift(@PathVariable String address, Principal administrator, RedirectAttributes redirect) {
        Lifts.lift(suspensions, address, administrator, clock);
        redirect.addFlashAttribute("notice", address + " can send mail again. Their refusals so far no longer count "
                + "towards another suspension.");
        return "redirect:" + Links.path("users", address) + "#limits";
    }
}

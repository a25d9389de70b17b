package org.postroom.admin.administrators;

import java.security.Principal;
import java.util.List;

import org.postroom.admin.console.Confirmation;
import org.postroom.admin.console.Links;
import org.postroom.admin.domain.VisibleDomains;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's administrators pages, for server administrators only. A generated password is
 * shown once, on the page the form leads to (a flash attribute: reloading does not show it again).
 */
@Controller
@RequestMapping("/administrators")
class AdministratorPages {

    private final Administrators administrators;
    private final VisibleDomains domains;

    AdministratorPages(Administrators administrators, VisibleDomains domains) {
        this.administrators = administrators;
        this.domains = domains;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("administrators", administrators.list().stream().map(AdministratorView::of).toList());
        model.addAttribute("domains", domains.list());
        return "administrator/list";
    }

    @PostMapping
    String create(@RequestParam String username, @RequestParam String role,
            @RequestParam(required = false) List<String> domains, Principal by, RedirectAttributes redirect) {
        String password = administrators.create(username, AdministratorRole.parse(role).scope(domains), by);
        redirect.addFlashAttribute("issuedPassword", password);
        redirect.addFlashAttribute("notice", "Administrator " + username + " was created. Give them the password "
                + "below; they choose their own when they first sign in.");
        return "redirect:" + Links.path("administrators", username);
    }

    @GetMapping("/{username}")
    String show(@PathVariable String username, Model model) {
        model.addAttribute("administrator", AdministratorView.of(administrators.find(username)));
        model.addAttribute("domains", domains.list());
        return "administrator/show";
    }

    @PostMapping("/{username}/scope")
    String changeScope(@PathVariable String username, @RequestParam String role,
            @RequestParam(required = false) List<String> domains, Principal by, RedirectAttributes redirect) {
        administrators.changeScope(username, AdministratorRole.parse(role).scope(domains), by);
        redirect.addFlashAttribute("notice", "The role and domains of " + username + " were saved.");
        return "redirect:" + Links.path("administrators", username);
    }

    @PostMapping("/{username}/password")
    String resetPassword(@PathVariable String username, Principal by, RedirectAttributes redirect) {
        redirect.addFlashAttribute("issuedPassword", administrators.resetPassword(username, by));
        redirect.addFlashAttribute("notice", "The password of " + username + " was reset. Give them the password "
                + "below; they choose their own at their next sign-in.");
        return "redirect:" + Links.path("administrators", username);
    }

    @PostMapping("/{username}/two-factor-required")
    String requireTwoFactor(@PathVariable String username, @RequestParam boolean required, Principal by,
            RedirectAttributes redirect) {
        administrators.requireTwoFactor(username, required, by);
        redirect.addFlashAttribute("notice", required
                ? username + " must sign in with a second factor (enrolling at their next sign-in if they have none)."
                : username + " no longer must have a second factor (unless every administrator must).");
        return "redirect:" + Links.path("administrators", username);
    }

    @PostMapping("/{username}/two-factor/reset")
    String resetTwoFactor(@PathVariable String username, Principal by, RedirectAttributes redirect) {
        administrators.resetTwoFactor(username, by);
        redirect.addFlashAttribute("notice", "The second factor of " + username + " was removed. They enrol again "
                + "at their next sign-in if one is required of them.");
        return "redirect:" + Links.path("administrators", username);
    }

    @GetMapping("/{username}/delete")
    String confirmDelete(@PathVariable String username, Model model) {
        AdministratorView administrator = AdministratorView.of(administrators.find(username));
        model.addAttribute("nav", "administrators");
        model.addAttribute("confirm", Confirmation.of("Delete " + administrator.username(),
                "Delete the administrator " + administrator.username() + "?",
                "They can no longer sign in to the console or use the API.",
                Links.path("administrators", administrator.username(), "delete"),
                Links.path("administrators", administrator.username()), "Delete administrator"));
        return Confirmation.VIEW;
    }

    @PostMapping("/{username}/delete")
    String delete(@PathVariable String username, Principal by, RedirectAttributes redirect) {
        administrators.delete(username, by);
        redirect.addFlashAttribute("notice", "Administrator " + username + " was deleted.");
        return "redirect:/administrators";
    }
}

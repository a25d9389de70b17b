package org.postroom.admin.tokens;

import java.security.Principal;

import org.postroom.admin.access.NoDomainData;
import org.postroom.admin.domain.VisibleDomains;
import org.postroom.storage.tokens.NewApiToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in administrator's own API tokens in the console: the list, a form to create one (its
 * value shown once, as a flash attribute: reloading does not show it again), and revoking.
 */
@Controller
@RequestMapping("/tokens")
@NoDomainData
class TokenPages {

    private final OwnTokens tokens;
    private final VisibleDomains domains;

    TokenPages(OwnTokens tokens, VisibleDomains domains) {
        this.tokens = tokens;
        this.domains = domains;
    }

    @GetMapping
    String list(Principal owner, Model model) {
        model.addAttribute("tokens", tokens.list(owner.getName()).stream().map(TokenView::of).toList());
        model.addAttribute("domains", domains.list());
        return "tokens/list";
    }

    @PostMapping
    String create(NewToken form, Principal owner, RedirectAttributes redirect) {
        NewApiToken created = tokens.create(owner.getName(), form);
        redirect.addFlashAttribute("issuedToken", created.value());
        redirect.addFlashAttribute("notice", "Token " + created.token().name() + " was created. Copy it now: "
                + "it is shown only once. Scripts send it as Authorization: Bearer <token>.");
        return "redirect:/tokens";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, Principal owner, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", "Token " + tokens.revoke(owner.getName(), id).name() + " was revoked.");
        return "redirect:/tokens";
    }
}

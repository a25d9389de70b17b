package org.postroom.admin.alias;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.console.Confirmation;
import org.postroom.admin.console.Links;
import org.postroom.admin.domain.UnknownDomain;
import org.postroom.admin.domain.VisibleDomains;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Alias;
import org.postroom.storage.directory.AliasRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/aliases")
@DomainScoped
class AliasPages {

    private final AliasRepository aliases;
    private final VisibleDomains domains;
    private final DomainAccess access;

    AliasPages(AliasRepository aliases, VisibleDomains domains, DomainAccess access) {
        this.aliases = aliases;
        this.domains = domains;
        this.access = access;
    }

    @GetMapping
    String list(@RequestParam(required = false) String domain, Model model) {
        model.addAttribute("aliases",
                access.filter(aliases.list(domain), alias -> DomainAccess.domainOf(alias.address())).stream().map(AliasView::of).toList());
        model.addAttribute("domains", domains.list());
        model.addAttribute("domain", domain);
        return "alias/list";
    }

    @GetMapping("/new")
    String newAlias(@RequestParam(required = false) String domain, Model model) {
        model.addAttribute("domains", domains.list());
        model.addAttribute("domain", domain);
        return "alias/new";
    }

    @PostMapping("/new")
    String create(NewAliasForm form, RedirectAttributes redirect) {
        access.requireAddress(form.address());
        Alias alias = UnknownDomain.asInvalidInput(() -> aliases.create(form.address(), form.targetList()));
        redirect.addFlashAttribute("notice", (alias.isCatchAll() ? "Catch-all " : "Alias ") + alias.address()
                + " was created: its mail goes to " + String.join(", ", alias.targets()) + ".");
        redirect.addAttribute("domain", AliasView.of(alias).domain());
        return "redirect:/aliases";
    }

    @GetMapping("/{address}/delete")
    String confirmDelete(@PathVariable String address, Model model) {
        AliasView alias = aliases.find(address).map(AliasView::of)
                .orElseThrow(() -> new NotFoundException("no alias " + address));
        model.addAttribute("nav", "aliases");
        model.addAttribute("confirm", Confirmation.of("Delete " + alias.address(), "Delete the alias " + alias.address() + "?",
                alias.catchAll() ? "Mail for addresses of " + alias.domain() + " that no user or alias has will be refused."
                        : "Mail for " + alias.address() + " will be refused.",
                Links.path("aliases", alias.address(), "delete"), "/aliases", "Delete alias"));
        return Confirmation.VIEW;
    }

    @PostMapping("/{address}/delete")
    String delete(@PathVariable String address, RedirectAttributes redirect) {
        aliases.delete(address);
        redirect.addFlashAttribute("notice", "Alias " + address + " was deleted.");
        return "redirect:/aliases";
    }
}

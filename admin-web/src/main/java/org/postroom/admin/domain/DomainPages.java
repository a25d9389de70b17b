package org.postroom.admin.domain;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.console.Confirmation;
import org.postroom.admin.console.Formats;
import org.postroom.admin.console.Links;
import org.postroom.admin.limits.LimitsViews;
import org.postroom.admin.senders.SenderListView;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.MtaStsMode;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderLists;
import org.postroom.storage.spam.SpamPolicies;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/domains")
class DomainPages {

    private final DomainRepository domains;
    private final DnsCheck dnsCheck;
    private final SenderLists senderLists;
    private final SpamPolicies spamPolicies;
    private final LimitsViews limits;
    private final LoginPolicies loginPolicies;
    private final VisibleDomains visible;
    private final DomainAccess access;

    DomainPages(DomainRepository domains, DnsCheck dnsCheck, SenderLists senderLists, SpamPolicies spamPolicies,
            LimitsViews limits, LoginPolicies loginPolicies, VisibleDomains visible, DomainAccess access) {
        this.visible = visible;
        this.access = access;
        this.domains = domains;
        this.dnsCheck = dnsCheck;
        this.senderLists = senderLists;
        this.spamPolicies = spamPolicies;
        this.limits = limits;
        this.loginPolicies = loginPolicies;
    }

    @GetMapping
    @DomainScoped
    String list(Model model) {
        model.addAttribute("domains", visible.list());
        return "domain/list";
    }

    @PostMapping
    String create(NewDomain form, RedirectAttributes redirect) {
        Domain domain = domains.create(form.name(), form.postmasterTarget());
        redirect.addFlashAttribute("notice", "Domain " + domain.name()
                + " was added. Publish the DNS records below so that mail finds this server.");
        redirect.addAttribute("name", domain.name());
        return "redirect:/domains/{name}";
    }

    @GetMapping("/{name}")
    @DomainScoped
    String show(@PathVariable String name, Model model) {
        Domain domain = find(name);
        model.addAttribute("domain", DomainView.of(domain));
        // looked up live, so that a record just published shows at once (the resolver's cache aside)
        model.addAttribute("records", dnsCheck.check(domain));
        model.addAttribute("senders", SenderListView.of(senderLists, SenderList.ofDomain(domain.name())));
        model.addAttribute("spamPolicy", spamPolicies.of(domain.name()));
        model.addAttribute("limits", limits.ofDomain(domain.name()));
        model.addAttribute("loginPolicy", loginPolicies.ofDomain(domain.name()));
        return "domain/show";
    }

    @PostMapping("/{name}/postmaster")
    @DomainScoped
    String setPostmasterTarget(@PathVariable String name, @RequestParam(required = false) String postmasterTarget,
            RedirectAttributes redirect) {
        access.requireTargetWithin(postmasterTarget);
        Domain domain = domains.setPostmasterTarget(name, postmasterTarget);
        redirect.addFlashAttribute("notice", domain.postmasterTarget() == null
                ? "postmaster@ and abuse@ of " + domain.name() + " have no target now: their mail goes to the catch-all,"
                        + " or waits in the quarantine."
                : "postmaster@ and abuse@ of " + domain.name() + " go to " + domain.postmasterTarget() + " now.");
        return "redirect:" + Links.path("domains", domain.name());
    }

    @PostMapping("/{name}/digest")
    @DomainScoped
    String setQuarantineDigest(@PathVariable String name, @RequestParam boolean on, RedirectAttributes redirect) {
        Domain domain = domains.setQuarantineDigest(name, on);
        redirect.addFlashAttribute("notice", on
                ? "The users of " + domain.name() + " get the daily message about their held mail (unless they turned it off)."
                : "No user of " + domain.name() + " gets the daily message about held mail now.");
        return "redirect:" + Links.path("domains", domain.name());
    }

    @PostMapping("/{name}/mta-sts")
    @DomainScoped
    String setMtaSts(@PathVariable String name, @RequestParam String mode, RedirectAttributes redirect) {
        Domain domain = domains.setMtaSts(name, MtaStsMode.of(mode));
        redirect.addFlashAttribute("notice", switch (domain.mtaSts()) {
            case NONE -> domain.name() + " publishes no MTA-STS policy now: remove its _mta-sts record.";
            case TESTING -> domain.name() + " publishes an MTA-STS policy in testing mode now: senders report TLS"
                    + " failures but deliver anyway. Publish its _mta-sts record with the new id.";
            case ENFORCE -> domain.name() + " publishes an MTA-STS policy in enforce mode now: senders deliver only"
                    + " over TLS with a valid certificate. Publish its _mta-sts record with the new id.";
        });
        return "redirect:" + Links.path("domains", domain.name()) + "#mta-sts";
    }

    @GetMapping("/{name}/delete")
    String confirmDelete(@PathVariable String name, Model model) {
        Domain domain = find(name);
        boolean hasUsers = domain.userCount() > 0;
        model.addAttribute("nav", "domains");
        model.addAttribute("confirm", new Confirmation("Delete " + domain.name(),
                "Delete the domain " + domain.name() + "?",
                "It has " + Formats.count(domain.userCount(), "user") + " and "
                        + Formats.count(domain.aliasCount(), "alias") + ". Mail for the domain will be refused from now on.",
                "/domains/" + domain.name() + "/delete", "/domains/" + domain.name(), "Delete domain",
                hasUsers ? "Also delete its users and all their mail" : null));
        return Confirmation.VIEW;
    }

    @PostMapping("/{name}/delete")
    String delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force,
            RedirectAttributes redirect) {
        domains.delete(name, force);
        redirect.addFlashAttribute("notice", "Domain " + name + " was deleted.");
        return "redirect:/domains";
    }

    private Domain find(String name) {
        return domains.find(name).orElseThrow(() -> new NotFoundException("no domain " + name));
    }
}

package org.postroom.admin.user;

import java.util.List;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.api.PageView;
import org.postroom.admin.console.Confirmation;
import org.postroom.admin.console.Links;
import org.postroom.admin.domain.DomainView;
import org.postroom.admin.domain.UnknownDomain;
import org.postroom.admin.domain.VisibleDomains;
import org.postroom.admin.limits.LimitsViews;
import org.postroom.admin.senders.SenderListView;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.UserAccount;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderLists;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/users")
@DomainScoped
class UserPages {

    static final int PAGE_SIZE = 25;

    private final UserRepository users;
    private final VisibleDomains domains;
    private final DomainAccess access;
    private final SenderLists senderLists;
    private final LimitsViews limits;
    private final LoginPolicies loginPolicies;

    UserPages(UserRepository users, VisibleDomains domains, DomainAccess access, SenderLists senderLists,
            LimitsViews limits, LoginPolicies loginPolicies) {
        this.access = access;
        this.users = users;
        this.domains = domains;
        this.senderLists = senderLists;
        this.limits = limits;
        this.loginPolicies = loginPolicies;
    }

    @GetMapping
    String list(@RequestParam(required = false) String domain, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, Model model) {
        PageView.requireValid(page, PAGE_SIZE);
        model.addAttribute("users", PageView.of(users.search(domain, access.within(), q, page, PAGE_SIZE), UserView::of));
        model.addAttribute("domains", domainNames());
        model.addAttribute("domain", domain);
        model.addAttribute("q", q);
        return "user/list";
    }

    @GetMapping("/new")
    String newUser(@RequestParam(required = false) String domain, Model model) {
        model.addAttribute("domains", domainNames());
        model.addAttribute("domain", domain);
        return "user/new";
    }

    @PostMapping("/new")
    String create(NewUserForm form, RedirectAttributes redirect) {
        access.requireAddress(form.address());
        UserAccount user = UnknownDomain.asInvalidInput(
                () -> users.create(form.address(), form.password(), form.quotaBytes()));
        redirect.addFlashAttribute("notice", "User " + user.address() + " was created. They can log in to POP3 and SMTP "
                + "with the full address and this password.");
        return "redirect:" + Links.path("users", user.address());
    }

    @GetMapping("/{address}")
    String show(@PathVariable String address, Model model) {
        UserView user = UserView.of(find(address));
        model.addAttribute("user", user);
        model.addAttribute("quota", QuotaInput.of(user.quotaBytes()));
        model.addAttribute("senders", SenderListView.of(senderLists, SenderList.ofUser(user.address())));
        model.addAttribute("limits", limits.ofUser(user.address()));
        model.addAttribute("loginPolicy", loginPolicies.ofUser(user.address()));
        return "user/show";
    }

    @PostMapping("/{address}/password")
    String resetPassword(@PathVariable String address, @RequestParam String password, RedirectAttributes redirect) {
        users.changePassword(address, password);
        redirect.addFlashAttribute("notice", "The password of " + address + " was changed. Their mail programs "
                + "need the new one from now on.");
        return "redirect:" + Links.path("users", address);
    }

    @PostMapping("/{address}/quota")
    String setQuota(@PathVariable String address, QuotaInput quota, RedirectAttributes redirect) {
        Long bytes = quota.bytes();
        users.setQuota(address, bytes);
        redirect.addFlashAttribute("notice", bytes == null ? "The quota of " + address + " was removed."
                : "The quota of " + address + " was set.");
        return "redirect:" + Links.path("users", address);
    }

    @PostMapping("/{address}/enabled")
    String setEnabled(@PathVariable String address, @RequestParam boolean enabled, RedirectAttributes redirect) {
        users.setEnabled(address, enabled);
        redirect.addFlashAttribute("notice", enabled ? address + " was enabled: they can log in and receive mail again."
                : address + " was disabled: they can no longer log in, and mail for them is refused. Their mail is kept.");
        return "redirect:" + Links.path("users", address);
    }

    @PostMapping("/{address}/digest")
    String setQuarantineDigest(@PathVariable String address, @RequestParam boolean on, RedirectAttributes redirect) {
        users.setQuarantineDigest(address, on);
        redirect.addFlashAttribute("notice", on ? address + " gets the daily message about their held mail again"
                + " (when their domain sends it)." : address + " no longer gets the daily message about held mail.");
        return "redirect:" + Links.path("users", address);
    }

    @GetMapping("/{address}/delete")
    String confirmDelete(@PathVariable String address, Model model) {
        UserView user = UserView.of(find(address));
        model.addAttribute("nav", "users");
        model.addAttribute("confirm", Confirmation.of("Delete " + user.address(), "Delete the user " + user.address() + "?",
                "Their " + user.messageCount() + " stored messages are deleted with them, and mail for the address "
                        + "will be refused.",
                Links.path("users", user.address(), "delete"), Links.path("users", user.address()), "Delete user"));
        return Confirmation.VIEW;
    }

    @PostMapping("/{address}/delete")
    String delete(@PathVariable String address, RedirectAttributes redirect) {
        users.delete(address);
        redirect.addFlashAttribute("notice", "User " + address + " was deleted with their mail.");
        return "redirect:/users";
    }

    private UserAccount find(String address) {
        return users.find(address).orElseThrow(() -> new NotFoundException("no user " + address));
    }

    private List<DomainView> domainNames() {
        return domains.list();
    }
}

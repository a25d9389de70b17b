package org.postroom.admin.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Principal;

import org.postroom.admin.access.NoDomainData;
import org.postroom.admin.autoconfig.MailClientSetup;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.user.UserView;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.AppPasswords;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.NewAppPassword;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.quarantine.UserQuarantine;
import org.postroom.storage.twofactor.SecondFactorOwner;
import org.postroom.storage.twofactor.SecondFactors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;

@Controller
@RequestMapping("/account")
@NoDomainData
class AccountPages {

    private final UserRepository users;
    private final UserQuarantine quarantine;
    private final ServerSettings server;
    private final OwnPasswordChange passwordChange;
    private final AppPasswords appPasswords;
    private final LoginPolicies policies;
    private final SecondFactors secondFactors;

    AccountPages(UserRepository users, UserQuarantine quarantine, ServerSettings server,
            OwnPasswordChange passwordChange, AppPasswords appPasswords, LoginPolicies policies,
            SecondFactors secondFactors) {
        this.users = users;
        this.quarantine = quarantine;
        this.server = server;
        this.passwordChange = passwordChange;
        this.appPasswords = appPasswords;
        this.policies = policies;
        this.secondFactors = secondFactors;
    }

    @GetMapping("/login")
    String login() {
        return "account/login";
    }

    @GetMapping
    String account(Principal user, Model model) {
        model.addAttribute("user", users.find(user.getName()).map(UserView::of)
                .orElseThrow(() -> new NotFoundException("no user " + user.getName())));
        model.addAttribute("setup", MailClientSetup.of(server));
        model.addAttribute("held", quarantine.count(user.getName()));
        model.addAttribute("appPasswords", appPasswords.list(user.getName()));
        model.addAttribute("loginPolicy", policies.ofUser(user.getName()));
        model.addAttribute("twoFactor", secondFactors.isEnrolled(SecondFactorOwner.user(user.getName())));
        return "account/index";
    }

    /** A new app password, shown once on the page it goes back to. */
    @PostMapping("/app-passwords")
    String createAppPassword(Principal user, @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        NewAppPassword created = appPasswords.create(user.getName(), name);
        redirect.addFlashAttribute("newAppPassword", created);
        return "redirect:/account#app-passwords";
    }

    @PostMapping("/app-passwords/{id}/revoke")
    String revokeAppPassword(Principal user, @PathVariable long id, RedirectAttributes redirect) {
        appPasswords.revoke(user.getName(), id);
        redirect.addFlashAttribute("notice", "The app password was revoked: the mail program that used it can no longer"
                + " sign in with it.");
        return "redirect:/account#app-passwords";
    }

    @PostMapping("/password")
    String changePassword(Principal user, PasswordForm form, HttpServletRequest request, RedirectAttributes redirect)
            throws UnknownHostException {
        passwordChange.change(user.getName(), form, InetAddress.getByName(request.getRemoteAddr()));
        redirect.addFlashAttribute("notice", "Your password was changed. Enter the new one in your mail programs too.");
        return "redirect:/account";
    }
}

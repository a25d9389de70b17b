package org.postroom.admin.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Principal;

import org.postroom.admin.autoconfig.MailClientSetup;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.user.UserView;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.quarantine.UserQuarantine;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;

@Controller
@RequestMapping("/account")
class AccountPages {

    private final UserRepository users;
    private final UserQuarantine quarantine;
    private final ServerSettings server;
    private final OwnPasswordChange passwordChange;

    AccountPages(UserRepository users, UserQuarantine quarantine, ServerSettings server,
            OwnPasswordChange passwordChange) {
        this.users = users;
        this.quarantine = quarantine;
        this.server = server;
        this.passwordChange = passwordChange;
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
        return "account/index";
    }

    @PostMapping("/password")
    String changePassword(Principal user, PasswordForm form, HttpServletRequest request, RedirectAttributes redirect)
            throws UnknownHostException {
        passwordChange.change(user.getName(), form, InetAddress.getByName(request.getRemoteAddr()));
        redirect.addFlashAttribute("notice", "Your password was changed. Enter the new one in your mail programs too.");
        return "redirect:/account";
    }
}

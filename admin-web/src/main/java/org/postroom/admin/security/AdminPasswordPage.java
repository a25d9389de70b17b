package org.postroom.admin.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Principal;

import org.postroom.admin.access.NoDomainData;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.Credentials;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.Passwords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * An administrator choosing their own password: at the first login when the password was
 * generated ({@link PasswordChangeRequired} leads here), or whenever they like. The current
 * password is asked again, so that a session left open cannot take the account over; a wrong one
 * goes through the login pipeline ({@link CurrentPassword}).
 */
@Controller
@NoDomainData
class AdminPasswordPage {

    private static final Logger log = LoggerFactory.getLogger(AdminPasswordPage.class);

    private final AdminAccountRepository admins;
    private final CurrentPassword currentPassword;

    AdminPasswordPage(AdminAccountRepository admins, LoginThrottle throttle) {
        this.admins = admins;
        this.currentPassword = new CurrentPassword(throttle.attempts(Credentials.ofPassword((login, secret) -> admins
                .passwordHash(login).filter(hash -> secret != null && Passwords.matches(secret, hash)).map(hash -> login)),
                LoginProtocol.WEB));
    }

    /** The form fields: the current password, then the new one twice. */
    record PasswordChange(String currentPassword, String newPassword, String repeatPassword) {
    }

    @GetMapping(PasswordChangeRequired.CHANGE_PAGE)
    String form(Principal admin, Model model) {
        model.addAttribute("mustChange", admins.mustChangePassword(admin.getName()));
        return "security/password";
    }

    /** @throws InvalidInputException (shown on the form) when the current password is wrong or the new one unfit */
    @PostMapping(PasswordChangeRequired.CHANGE_PAGE)
    String change(Principal admin, PasswordChange change, HttpServletRequest request, RedirectAttributes redirect)
            throws UnknownHostException {
        InetAddress client = InetAddress.getByName(request.getRemoteAddr());
        currentPassword.confirm(client, admin.getName(), change.currentPassword());
        if (change.newPassword() == null || !change.newPassword().equals(change.repeatPassword())) {
            throw new InvalidInputException("the new password and its repetition differ");
        }
        if (change.newPassword().equals(change.currentPassword())) {
            throw new InvalidInputException("choose a new password, not the one you have");
        }
        admins.changePassword(admin.getName(), change.newPassword());
        log.info("administrator '{}' changed their password from {}", Printable.of(admin.getName()),
                client.getHostAddress());
        redirect.addFlashAttribute("notice", "Your password was changed.");
        return "redirect:/";
    }
}

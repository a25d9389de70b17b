package org.postroom.admin.twofactor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.postroom.admin.access.NoDomainData;
import org.postroom.admin.security.AdministratorTwoFactor;
import org.postroom.admin.security.CurrentPassword;
import org.postroom.admin.security.PendingSignIn;
import org.postroom.admin.security.SignInForm;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.twofactor.SecondFactorOwner;
import org.postroom.storage.twofactor.SecondFactors;
import org.postroom.storage.twofactor.Totp;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** The second factor's own pages, for administrators and mail users alike (see the package). */
@Controller
@NoDomainData
class TwoFactorPages {

    private static final String CONSOLE = "/two-factor";
    private static final String ACCOUNT = "/account/two-factor";

    private final SecondFactors factors;
    private final LoginPolicies policies;
    private final AdministratorTwoFactor administrators;
    private final AdminAccountRepository admins;
    private final ServerSettings server;
    private final Map<SignInForm, CurrentPassword> currentCodes = new EnumMap<>(SignInForm.class);

    TwoFactorPages(SecondFactors factors, LoginPolicies policies, AdministratorTwoFactor administrators,
            AdminAccountRepository admins, ServerSettings server, LoginThrottle throttle) {
        this.admins = admins;
        this.factors = factors;
        this.policies = policies;
        this.administrators = administrators;
        this.server = server;
        for (SignInForm form : SignInForm.values()) {
            currentCodes.put(form, new CurrentPassword(throttle.attempts(factors.credentials(form.kind()),
                    LoginProtocol.WEB), "that code is not right"));
        }
    }

    @GetMapping({ CONSOLE, ACCOUNT })
    String status(Authentication signedIn, HttpServletRequest request, Model model) {
        SignInForm form = SignInForm.of(request.getServletPath());
        SecondFactorOwner owner = form.owner(signedIn.getName());
        boolean enrolled = factors.isEnrolled(owner);
        model.addAttribute("form", form);
        model.addAttribute("console", form == SignInForm.CONSOLE);
        model.addAttribute("enrolled", enrolled);
        model.addAttribute("required", isRequired(form, signedIn.getName()));
        model.addAttribute("mustEnrol", signedIn instanceof PendingSignIn);
        model.addAttribute("recoveryCodesLeft", enrolled ? factors.recoveryCodesLeft(owner) : 0);
        return "twofactor/index";
    }

    /**
     * A new secret for this session's enrolment; it counts only once the app's code confirms it.
     * Setting up again (a new phone) takes a code of the present one, so an unattended session
     * cannot move the second factor to someone else's phone.
     */
    @PostMapping({ CONSOLE + "/start", ACCOUNT + "/start" })
    String start(@RequestParam(defaultValue = "") String code, Authentication signedIn, HttpServletRequest request,
            HttpSession session) throws UnknownHostException {
        SignInForm form = SignInForm.of(request.getServletPath());
        if (factors.isEnrolled(form.owner(signedIn.getName()))) {
            confirmCode(form, signedIn, code, request);
        }
        session.setAttribute(secretKey(form), Totp.newSecret());
        return "redirect:" + form.twoFactorPage() + "/setup";
    }

    @GetMapping({ CONSOLE + "/setup", ACCOUNT + "/setup" })
    String setup(Authentication signedIn, HttpServletRequest request, HttpSession session, Model model) {
        SignInForm form = SignInForm.of(request.getServletPath());
        Object secret = session.getAttribute(secretKey(form));
        if (!(secret instanceof String pending)) {
            return "redirect:" + form.twoFactorPage();
        }
        model.addAttribute("form", form);
        model.addAttribute("console", form == SignInForm.CONSOLE);
        model.addAttribute("enrolment", EnrolmentCode.of(pending, signedIn.getName(), "Postroom " + server.hostname()));
        return "twofactor/setup";
    }

    @PostMapping({ CONSOLE + "/setup", ACCOUNT + "/setup" })
    String confirm(@RequestParam(defaultValue = "") String code, Authentication signedIn, HttpServletRequest request,
            HttpServletResponse response, HttpSession session, RedirectAttributes redirect) {
        SignInForm form = SignInForm.of(request.getServletPath());
        if (!(session.getAttribute(secretKey(form)) instanceof String secret)) {
            return "redirect:" + form.twoFactorPage();
        }
        List<String> recoveryCodes = factors.enrol(form.owner(signedIn.getName()), secret, code);
        session.removeAttribute(secretKey(form));
        if (signedIn instanceof PendingSignIn pending) {
            // the rule is met: the sign-in that waited for it is complete now
            form.complete(request, response, pending.signedIn());
        }
        redirect.addFlashAttribute("notice", "Two-factor sign-in is on. Keep the recovery codes below somewhere safe.");
        redirect.addFlashAttribute("recoveryCodes", recoveryCodes);
        return "redirect:" + form.twoFactorPage();
    }

    @PostMapping({ CONSOLE + "/recovery-codes", ACCOUNT + "/recovery-codes" })
    String renewRecoveryCodes(@RequestParam(defaultValue = "") String code, Authentication signedIn,
            HttpServletRequest request, RedirectAttributes redirect) throws UnknownHostException {
        SignInForm form = SignInForm.of(request.getServletPath());
        confirmCode(form, signedIn, code, request);
        redirect.addFlashAttribute("notice", "New recovery codes: the old ones no longer work.");
        redirect.addFlashAttribute("recoveryCodes", factors.renewRecoveryCodes(form.owner(signedIn.getName())));
        return "redirect:" + form.twoFactorPage();
    }

    @PostMapping({ CONSOLE + "/off", ACCOUNT + "/off" })
    String turnOff(@RequestParam(defaultValue = "") String code, Authentication signedIn, HttpServletRequest request,
            RedirectAttributes redirect) throws UnknownHostException {
        SignInForm form = SignInForm.of(request.getServletPath());
        if (isRequired(form, signedIn.getName())) {
            throw new InvalidInputException("two-factor sign-in is required for your account; it cannot be turned off");
        }
        confirmCode(form, signedIn, code, request);
        factors.remove(form.owner(signedIn.getName()));
        redirect.addFlashAttribute("notice", "Two-factor sign-in is off: your password alone signs you in.");
        return "redirect:" + form.twoFactorPage();
    }

    private void confirmCode(SignInForm form, Authentication signedIn, String code, HttpServletRequest request)
            throws UnknownHostException {
        currentCodes.get(form).confirm(InetAddress.getByName(request.getRemoteAddr()), signedIn.getName(), code);
    }

    private boolean isRequired(SignInForm form, String name) {
        return form == SignInForm.CONSOLE ? administrators.requiredOf(name, admins) : policies.ofUser(name).twoFactorRequired();
    }

    private static String secretKey(SignInForm form) {
        return "postroom.two-factor.pending-secret." + form.name();
    }
}

package org.postroom.admin.quarantine;

import java.security.Principal;

import org.postroom.admin.access.NoDomainData;
import org.postroom.admin.antispam.Lesson;
import org.postroom.admin.antispam.LessonResult;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserAccount;
import org.postroom.storage.directory.UserRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A mail user's own quarantine on the account page: the messages held for them, one read as text,
 * released into their INBOX or deleted (and, where a spam filter learns, taught to it as "not spam"
 * or "spam" on the way), and their daily digest turned on or off. Whose messages
 * these are comes only from the signed-in user (the principal), never from the request: another
 * user's message id answers 404, as one that does not exist.
 */
@Controller
@RequestMapping("/account/quarantine")
@NoDomainData
class UserQuarantinePages {

    private static final int PAGE_SIZE = 50;
    private static final String LIST = "/account/quarantine";
    private static final String RELEASED = "The message is in your mailbox now: your mail program downloads it"
            + " the next time it checks for mail.";
    private static final String DELETED = "The message was deleted; you will not get it.";

    private final QuarantineView view;
    private final QuarantineDecisions decisions;
    private final UserRepository users;
    private final DomainRepository domains;

    UserQuarantinePages(QuarantineView view, QuarantineDecisions decisions, UserRepository users,
            DomainRepository domains) {
        this.view = view;
        this.decisions = decisions;
        this.users = users;
        this.domains = domains;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Principal user, Model model) {
        UserAccount account = account(user);
        model.addAttribute("held", view.ownPage(user.getName(), page, PAGE_SIZE));
        model.addAttribute("digest", account.quarantineDigest());
        model.addAttribute("domainDigest",
                domains.find(Address.of(account.address()).domain()).map(Domain::quarantineDigest).orElse(true));
        return "account/quarantine";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Principal user, Model model) {
        model.addAttribute("detail", view.ownDetail(user.getName(), id));
        model.addAttribute("learning", decisions.learning());
        return "account/held";
    }

    /** "Not spam": the spam filter learns so, and the user's copy goes to their INBOX, whatever the filter made of it. */
    @PostMapping("/{id}/not-spam")
    String notSpam(@PathVariable long id, Principal user, RedirectAttributes redirect) {
        LessonResult lesson = decisions.learnOwn(id, Lesson.HAM, user);
        decisions.releaseOwn(id, user);
        redirect.addFlashAttribute("notice", RELEASED + " " + lesson.sentence(Lesson.HAM));
        return "redirect:" + LIST;
    }

    /** "Spam": the spam filter learns so, and the user's copy is deleted. */
    @PostMapping("/{id}/spam")
    String spam(@PathVariable long id, Principal user, RedirectAttributes redirect) {
        LessonResult lesson = decisions.learnOwn(id, Lesson.SPAM, user);
        decisions.deleteOwn(id, user);
        redirect.addFlashAttribute("notice", DELETED + " " + lesson.sentence(Lesson.SPAM));
        return "redirect:" + LIST;
    }

    @PostMapping("/{id}/release")
    String release(@PathVariable long id, Principal user, RedirectAttributes redirect) {
        decisions.releaseOwn(id, user);
        redirect.addFlashAttribute("notice", RELEASED);
        return "redirect:" + LIST;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, Principal user, RedirectAttributes redirect) {
        decisions.deleteOwn(id, user);
        redirect.addFlashAttribute("notice", DELETED);
        return "redirect:" + LIST;
    }

    @PostMapping("/digest")
    String digest(@RequestParam boolean on, Principal user, RedirectAttributes redirect) {
        users.setQuarantineDigest(user.getName(), on);
        redirect.addFlashAttribute("notice", on ? "You get a daily message when mail to you is held."
                : "You no longer get the daily message about held mail. Look here now and then.");
        return "redirect:" + LIST;
    }

    private UserAccount account(Principal user) {
        return users.find(user.getName()).orElseThrow(() -> new NotFoundException("no user " + user.getName()));
    }
}

package org.postroom.admin.account;

import java.security.Principal;

import org.postroom.admin.access.NoDomainData;
import org.postroom.admin.antispam.Lesson;
import org.postroom.admin.antispam.LessonResult;
import org.postroom.admin.antispam.SpamLessons;
import org.postroom.admin.api.PageView;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.Printable;
import org.postroom.storage.mailbox.InboxMessage;
import org.postroom.storage.mailbox.UserInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A mail user's mail still on the server ({@code /account/mail}): what their mail program has not
 * downloaded yet, or keeps a copy of there. Spam that got through is marked "Spam" here (the spam
 * filter learns it, and it is removed), or any message removed. Whose mail this is comes only from
 * the signed-in user, never from the request: another user's message is not found.
 */
@Controller
@RequestMapping("/account/mail")
@NoDomainData
class ServerMailPages {

    private static final Logger log = LoggerFactory.getLogger(ServerMailPages.class);
    private static final int PAGE_SIZE = 50;
    private static final String LIST = "/account/mail";
    private static final String REMOVED = "The message was removed from the server.";

    private final UserInbox inbox;
    private final SpamLessons lessons;

    ServerMailPages(UserInbox inbox, SpamLessons lessons) {
        this.inbox = inbox;
        this.lessons = lessons;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Principal user, Model model) {
        PageView.requireValid(page, PAGE_SIZE);
        model.addAttribute("mail", PageView.of(inbox.list(user.getName(), page, PAGE_SIZE), ServerMail::of));
        model.addAttribute("learning", lessons.available());
        return "account/mail";
    }

    /** "Spam": the spam filter learns so, and the message leaves the server, whatever the filter made of it. */
    @PostMapping("/{uid}/spam")
    String spam(@PathVariable long uid, Principal user, RedirectAttributes redirect) {
        InboxMessage message = inbox.find(user.getName(), uid)
                .orElseThrow(() -> new NotFoundException("no message " + uid + " in the mailbox of " + user.getName()));
        LessonResult lesson = lessons.teach(message, Lesson.SPAM, "user '" + user.getName() + "'");
        remove(uid, user);
        redirect.addFlashAttribute("notice", REMOVED + " " + lesson.sentence(Lesson.SPAM));
        return "redirect:" + LIST;
    }

    @PostMapping("/{uid}/delete")
    String delete(@PathVariable long uid, Principal user, RedirectAttributes redirect) {
        remove(uid, user);
        redirect.addFlashAttribute("notice", REMOVED);
        return "redirect:" + LIST;
    }

    private void remove(long uid, Principal user) {
        inbox.remove(user.getName(), uid);
        log.info("user '{}' removed message {} from their inbox", Printable.of(user.getName()), uid);
    }
}

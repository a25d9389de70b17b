package org.postroom.admin.quarantine;

import java.security.Principal;

import org.postroom.admin.antispam.Lesson;
import org.postroom.admin.antispam.LessonResult;
import org.postroom.admin.antispam.SpamLessons;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.Printable;
import org.postroom.storage.quarantine.HeldMessage;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.quarantine.ReleaseReceipt;
import org.postroom.storage.quarantine.UserQuarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A decision on a held message, logged once with who made it: an administrator's on the whole
 * message (console or API), including teaching the spam filter what it is ({@link SpamLessons}),
 * or a mail user's on their own copy (account page), teaching the spam filter too when they say
 * "spam" or "not spam". A refusal (unknown or not theirs, released
 * already, over quota) comes from storage as an exception, which the console and the API each
 * turn into their answer.
 */
@Component
class QuarantineDecisions {

    private static final Logger log = LoggerFactory.getLogger(QuarantineDecisions.class);

    private final Quarantine quarantine;
    private final UserQuarantine own;
    private final SpamLessons lessons;

    QuarantineDecisions(Quarantine quarantine, UserQuarantine own, SpamLessons lessons) {
        this.quarantine = quarantine;
        this.own = own;
        this.lessons = lessons;
    }

    /** True when a spam filter learns from the administrators' lessons. */
    boolean learning() {
        return lessons.available();
    }

    /**
     * Teaches the spam filter that message {@code id} (held or released) is {@code lesson}.
     *
     * @throws NotFoundException when it was never held, was deleted or expired
     * @throws org.postroom.storage.ConflictException when no spam filter learns here
     */
    LessonResult learn(long id, Lesson lesson, Principal administrator) {
        HeldMessage message = quarantine.find(id).orElseThrow(() -> new NotFoundException("no held message " + id
                + ": it was deleted or expired"));
        return lessons.teach(message, lesson, "administrator '" + administrator.getName() + "'");
    }

    ReleaseReceipt release(long id, Principal administrator) {
        ReleaseReceipt receipt = quarantine.release(id);
        log.info("administrator '{}' released held message {}: delivered to {}, over quota {}, undeliverable {}",
                Printable.of(administrator.getName()), id, receipt.delivered(), receipt.overQuota(),
                receipt.undeliverable());
        return receipt;
    }

    void delete(long id, Principal administrator) {
        quarantine.delete(id);
        log.info("administrator '{}' deleted held message {}", Printable.of(administrator.getName()), id);
    }

    /**
     * Teaches the spam filter that {@code user}'s held message {@code id} is {@code lesson}, before
     * they release or delete their copy.
     *
     * @throws NotFoundException when it is not theirs (or not held, or they decided on it)
     * @throws org.postroom.storage.ConflictException when no spam filter learns here
     */
    LessonResult learnOwn(long id, Lesson lesson, Principal user) {
        HeldMessage message = own.find(user.getName(), id)
                .orElseThrow(() -> new NotFoundException("no held message " + id + " for you"));
        return lessons.teach(message, lesson, "user '" + user.getName() + "'");
    }

    /** {@code user}'s own copy into their INBOX; the other recipients are not affected. */
    ReleaseReceipt releaseOwn(long id, Principal user) {
        ReleaseReceipt receipt = own.release(user.getName(), id);
        log.info("user '{}' released their copy of held message {} into their inbox",
                Printable.of(user.getName()), id);
        return receipt;
    }

    /** {@code user}'s own copy deleted; the other recipients are not affected. */
    void deleteOwn(long id, Principal user) {
        own.delete(user.getName(), id);
        log.info("user '{}' deleted their copy of held message {}", Printable.of(user.getName()), id);
    }
}

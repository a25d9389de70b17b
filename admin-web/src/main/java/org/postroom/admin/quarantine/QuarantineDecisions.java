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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An administrator's decision on a held message, from the console or the API alike, logged once
 * with who made it: release, delete, or teach the spam filter what it is ({@link SpamLessons}). A refusal (unknown, released already, over quota) comes from storage as an
 * exception, which the console and the API each turn into their answer.
 */
@Component
class QuarantineDecisions {

    private static final Logger log = LoggerFactory.getLogger(QuarantineDecisions.class);

    private final Quarantine quarantine;
    private final SpamLessons lessons;

    QuarantineDecisions(Quarantine quarantine, SpamLessons lessons) {
        this.quarantine = quarantine;
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
}

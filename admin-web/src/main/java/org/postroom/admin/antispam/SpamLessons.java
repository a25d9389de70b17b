package org.postroom.admin.antispam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Printable;
import org.postroom.storage.mailbox.InboxMessage;
import org.postroom.storage.mailbox.UserInbox;
import org.postroom.storage.quarantine.HeldMessage;
import org.postroom.storage.quarantine.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Teaching the spam filter from a message in the quarantine (held or released) or in a user's
 * INBOX, for whoever may decide on it: the administrators' quarantine pages and API, and a user's
 * own quarantine and mail on the server. Each
 * lesson is logged once with who gave it and what came of it, and counted in {@code
 * postroom.antispam.lessons} (tags {@code lesson}: spam, ham; {@code outcome}: learned,
 * already-learned, refused, unreachable).
 */
@Component
public class SpamLessons {

    private static final Logger log = LoggerFactory.getLogger(SpamLessons.class);

    private final SpamTeacher teacher;
    private final Quarantine quarantine;
    private final UserInbox inbox;
    private final MeterRegistry meters;

    SpamLessons(SpamTeacher teacher, Quarantine quarantine, UserInbox inbox, MeterRegistry meters) {
        this.teacher = teacher;
        this.quarantine = quarantine;
        this.inbox = inbox;
        this.meters = meters;
    }

    /** True when a spam filter learns here. */
    public boolean available() {
        return teacher.available();
    }

    /**
     * Teaches the filter that {@code message} is {@code lesson}; {@code who} names the person for
     * the log ({@code administrator 'admin'}, {@code user 'alice@example.com'}).
     *
     * @throws ConflictException when no spam filter learns here
     */
    public LessonResult teach(HeldMessage message, Lesson lesson, String who) {
        return teach(message.id(), quarantine.content(message), message.size(), lesson, who);
    }

    /** As {@link #teach(HeldMessage, Lesson, String)}, for a message in a user's INBOX. */
    public LessonResult teach(InboxMessage message, Lesson lesson, String who) {
        return teach(message.messageId(), inbox.content(message), message.size(), lesson, who);
    }

    private LessonResult teach(long messageId, InputStream opened, long size, Lesson lesson, String who) {
        if (!teacher.available()) {
            throw new ConflictException("no spam filter learns here: postroom.antispam.rspamd.controller-url is not set");
        }
        LessonResult result;
        try (InputStream content = opened) {
            result = teacher.teach(lesson, content, size);
        } catch (IOException e) {
            throw new UncheckedIOException("read message " + messageId + " to teach the spam filter", e);
        }
        Counter.builder("postroom.antispam.lessons").description("messages the spam filter was taught, by outcome")
                .tag("lesson", lesson.word()).tag("outcome", result.outcome().word()).register(meters).increment();
        log.info("{} taught the spam filter that message {} is {}: {}{}", Printable.text(who), messageId,
                lesson.word(), result.outcome().word(), result.detail().isEmpty() ? "" : " (" + result.detail() + ")");
        return result;
    }
}

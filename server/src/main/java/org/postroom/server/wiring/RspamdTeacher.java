package org.postroom.server.wiring;

import java.io.InputStream;

import org.postroom.admin.antispam.Lesson;
import org.postroom.admin.antispam.LessonResult;
import org.postroom.admin.antispam.SpamTeacher;
import org.postroom.smtp.rspamd.LearnResult;
import org.postroom.smtp.rspamd.MessageBody;
import org.postroom.smtp.rspamd.RspamdController;

/** admin-web's {@link SpamTeacher} port over rspamd's controller: the words of one side in the other's. */
final class RspamdTeacher implements SpamTeacher {

    private final RspamdController controller;

    RspamdTeacher(RspamdController controller) {
        this.controller = controller;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public LessonResult teach(Lesson lesson, InputStream message, long size) {
        LearnResult result = controller.learn(lesson == Lesson.SPAM ? org.postroom.smtp.rspamd.Lesson.SPAM
                : org.postroom.smtp.rspamd.Lesson.HAM, new MessageBody() {
                    @Override
                    public InputStream open() {
                        return message;
                    }

                    @Override
                    public long size() {
                        return size;
                    }
                });
        return new LessonResult(switch (result.outcome()) {
            case LEARNED -> LessonResult.Outcome.LEARNED;
            case ALREADY_LEARNED -> LessonResult.Outcome.ALREADY_LEARNED;
            case REFUSED -> LessonResult.Outcome.REFUSED;
            case UNREACHABLE -> LessonResult.Outcome.UNREACHABLE;
        }, result.detail());
    }
}

package org.postroom.admin.antispam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The spam filter's learning for admin-web's tests, which cannot reach the server's rspamd
 * implementation (smtp-module): it reads every message it is taught, keeps it, and answers with the
 * outcome the test set (learned unless told otherwise). The real rspamd is taught in the server's
 * and smtp-module's tests.
 */
public final class RecordingSpamTeacher implements SpamTeacher {

    /** One lesson as given: what, and the message's bytes. */
    public record Given(Lesson lesson, byte[] message) {
    }

    private final List<Given> lessons = new CopyOnWriteArrayList<>();
    private volatile LessonResult answer = new LessonResult(LessonResult.Outcome.LEARNED, "");

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public LessonResult teach(Lesson lesson, InputStream message, long size) {
        try {
            lessons.add(new Given(lesson, message.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer;
    }

    /** The lessons given so far, in order. */
    public List<Given> lessons() {
        return List.copyOf(lessons);
    }

    /** From now on every lesson is answered with {@code result}. */
    public void answer(LessonResult result) {
        answer = result;
    }

    /** Forgets the lessons and answers "learned" again. */
    public void reset() {
        lessons.clear();
        answer = new LessonResult(LessonResult.Outcome.LEARNED, "");
    }
}

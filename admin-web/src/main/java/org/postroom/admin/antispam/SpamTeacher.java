package org.postroom.admin.antispam;

import java.io.InputStream;

/**
 * The spam filter's learning, as the web side uses it: administrators (the quarantine) and users
 * (their own quarantine) mark a message spam or not spam, and the filter learns from it. The
 * server implements it over rspamd's controller ({@code postroom.antispam.rspamd.controller-url});
 * admin-web knows nothing of rspamd. Implementations never throw for what the filter does or fails
 * to do: that is the {@link LessonResult}.
 */
public interface SpamTeacher {

    /** False when no filter is there to learn (the console then offers no such buttons). */
    boolean available();

    /** Teaches the filter that {@code message} ({@code size} bytes, read once) is {@code lesson}. */
    LessonResult teach(Lesson lesson, InputStream message, long size);

    /** No filter to teach: {@link #available} is false and {@link #teach} refuses. */
    static SpamTeacher none() {
        return new SpamTeacher() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public LessonResult teach(Lesson lesson, InputStream message, long size) {
                return new LessonResult(LessonResult.Outcome.REFUSED, "no spam filter learns here");
            }
        };
    }
}

package org.postroom.admin.antispam;

import java.util.Locale;

/**
 * How a lesson to the spam filter went.
 *
 * @param outcome what happened
 * @param detail the filter's reason, or the failure; "" when it learned
 */
public record LessonResult(Outcome outcome, String detail) {

    public enum Outcome {
        /** The filter learned the message. */
        LEARNED,
        /** The filter had learned the same message the same way before: nothing more to do. */
        ALREADY_LEARNED,
        /** The filter answered but did not learn (a wrong password, no statistics store, …). */
        REFUSED,
        /** The filter could not be reached or did not answer in time. */
        UNREACHABLE;

        /** The word of the API: {@code learned}, {@code already-learned}, … */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** True when the filter knows the message as taught now, learned by this lesson or an earlier one. */
    public boolean learned() {
        return outcome == Outcome.LEARNED || outcome == Outcome.ALREADY_LEARNED;
    }

    /** What a page tells the person who taught {@code lesson}: "The spam filter learned it is spam." or why not. */
    public String sentence(Lesson lesson) {
        String what = lesson == Lesson.SPAM ? "spam" : "not spam";
        return switch (outcome) {
            case LEARNED -> "The spam filter learned it is " + what + ".";
            case ALREADY_LEARNED -> "The spam filter knew it as " + what + " already.";
            case REFUSED, UNREACHABLE -> "The spam filter did not learn it is " + what + ": " + detail + ".";
        };
    }
}

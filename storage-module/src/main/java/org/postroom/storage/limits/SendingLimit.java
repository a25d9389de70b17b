package org.postroom.storage.limits;

import java.util.Locale;

/**
 * One of the four sending limits of a user. Messages and recipients are counted apart, so that one
 * message to a thousand people and a thousand messages to one are both bounded. "Per day" is the
 * current clock hour and the 23 before it, so a limit reached late in the evening does not reset at
 * midnight.
 */
public enum SendingLimit {

    MESSAGES_PER_HOUR,
    MESSAGES_PER_DAY,
    RECIPIENTS_PER_MESSAGE,
    RECIPIENTS_PER_DAY;

    private final String key = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The word in logs and in the reason of a refusal, e.g. {@code messages-per-hour}. */
    public String key() {
        return key;
    }

    /** True for the limits that a later hour lifts by itself (the client may retry). */
    public boolean isHourly() {
        return this == MESSAGES_PER_HOUR;
    }

    @Override
    public String toString() {
        return key;
    }
}

package org.postroom.storage.limits;

import java.util.Arrays;
import java.util.Locale;

/** Why a user's sending was suspended; the key is what table {@code sending_suspension} keeps. */
public enum SuspensionReason {

    /** The user was refused for a sending limit {@code lock-after} times in a day. */
    LIMIT_HITS,
    /** The spam filter rejected {@code lock-after} of the user's submitted messages in a day. */
    SPAM_REJECTS;

    private final String key = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String key() {
        return key;
    }

    static SuspensionReason of(String key) {
        return Arrays.stream(values()).filter(reason -> reason.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown suspension reason " + key));
    }

    @Override
    public String toString() {
        return key;
    }
}

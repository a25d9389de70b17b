package org.postroom.smtp.rspamd;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What rspamd advises for a message, the {@code action} of its answer to {@code /checkv2}: the
 * five built in (thresholds in rspamd's actions.conf) and the two special ones of rspamd 3.
 */
public enum RspamdAction {

    NO_ACTION("no action"),
    /** Try again later, below {@link #SOFT_REJECT}: rspamd's own greylisting. */
    GREYLIST("greylist"),
    ADD_HEADER("add header"),
    REWRITE_SUBJECT("rewrite subject"),
    SOFT_REJECT("soft reject"),
    REJECT("reject"),
    /** Accept and drop silently, which Postroom never does: refused like {@link #REJECT}. */
    DISCARD("discard"),
    /** Accept and hold for a human: held in the quarantine. */
    QUARANTINE("quarantine");

    private final String word;
    private final String key;

    RspamdAction(String word) {
        this.word = word;
        this.key = word.replace(' ', '-');
    }

    /** The action as rspamd names it, e.g. {@code add header}. */
    public String word() {
        return word;
    }

    /** The action as one word, for a metric tag, a log field and a stored verdict: {@code add-header}. */
    public String key() {
        return key;
    }

    /** The action rspamd named {@code word}; empty for one this server does not know. */
    public static Optional<RspamdAction> of(String word) {
        String wanted = word.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Arrays.stream(values()).filter(action -> action.word.equals(wanted)).findFirst();
    }
}

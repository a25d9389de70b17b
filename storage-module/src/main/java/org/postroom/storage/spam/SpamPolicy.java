package org.postroom.storage.spam;

import org.postroom.storage.InvalidInputException;

/**
 * What a domain does with a message rspamd scores as spam without refusing it: delivered with
 * {@code subjectTag} put before its Subject ("" for no tag), or, with {@code hold}, held in the
 * quarantine (reason {@code spam}) for an administrator to release or delete.
 */
public record SpamPolicy(String subjectTag, boolean hold) {

    /** The tag of a domain that never chose one. */
    public static final String DEFAULT_TAG = "[SPAM]";

    /** What a domain does until an administrator says otherwise: tag {@value #DEFAULT_TAG}, deliver. */
    public static final SpamPolicy DEFAULT = new SpamPolicy(DEFAULT_TAG, false);

    /** The longest tag taken: a tag is a marker for the reader, not a second subject. */
    public static final int MAX_TAG_LENGTH = 64;

    /**
     * @throws InvalidInputException when the tag is longer than {@value #MAX_TAG_LENGTH} characters
     *         or is not printable text on one line
     */
    public SpamPolicy {
        subjectTag = subjectTag == null ? "" : subjectTag.strip();
        if (subjectTag.length() > MAX_TAG_LENGTH) {
            throw new InvalidInputException("the subject tag is longer than " + MAX_TAG_LENGTH + " characters");
        }
        if (subjectTag.codePoints().anyMatch(c -> Character.isISOControl(c))) {
            throw new InvalidInputException("the subject tag must be printable text on one line");
        }
    }
}

package org.postroom.storage.message;

import java.util.Locale;

/**
 * Where a stored message came from. It decides what Postroom vouches for when the message leaves
 * again: only mail a user submitted after logging in, or that Postroom wrote itself, is signed with
 * one of our domains' DKIM keys; mail from the internet is the stranger's word, however its
 * header reads.
 */
public enum MessageOrigin {

    /** Submitted by an authenticated user (ports 587 and 465); sender and From were checked against the user. */
    SUBMITTED,

    /** Received from another server on port 25: nothing in it is vouched for. */
    RECEIVED,

    /** Written by Postroom itself: delivery status notifications (later also auto-replies). */
    GENERATED;

    /** The value in the {@code message.origin} column. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The origin a {@code message.origin} column holds. */
    public static MessageOrigin ofColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}

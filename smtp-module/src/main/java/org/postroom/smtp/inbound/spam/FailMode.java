package org.postroom.smtp.inbound.spam;

/** What becomes of a message when rspamd cannot be asked or does not answer in time. */
public enum FailMode {

    /** Delivered unscanned: mail keeps flowing while the filter is down (the verdict says temperror). */
    OPEN,
    /** Refused with 451 4.7.0: the sending server keeps the message and retries; nothing unscanned gets in. */
    CLOSED
}

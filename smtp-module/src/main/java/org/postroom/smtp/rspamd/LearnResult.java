package org.postroom.smtp.rspamd;

/**
 * How a lesson to rspamd went.
 *
 * @param outcome what happened
 * @param detail rspamd's reason or the failure, for the person who asked and the log; "" when learned
 */
public record LearnResult(Outcome outcome, String detail) {

    public enum Outcome {
        /** rspamd learned the message (HTTP 200 with {@code success}). */
        LEARNED,
        /** rspamd had learned this message (its Message-ID) the same way before (HTTP 208). */
        ALREADY_LEARNED,
        /**
         * rspamd answered but did not learn: a wrong or missing password (401, 403), its classifier
         * declined (204: e.g. no Redis for the statistics), or another HTTP error with its reason.
         */
        REFUSED,
        /** rspamd's controller could not be reached or did not answer in time. */
        UNREACHABLE
    }
}

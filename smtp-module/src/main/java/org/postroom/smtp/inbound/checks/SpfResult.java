package org.postroom.smtp.inbound.checks;

import java.util.Locale;

import org.postroom.storage.message.MessageCheck;

/**
 * The SPF verdict on the client's address for one identity (RFC 7208 §2.6): the MAIL FROM
 * address, or, for the null sender, the HELO name (§2.4, checked as {@code postmaster@<helo>}).
 *
 * @param status the result, one of RFC 7208's words
 * @param identity {@code mailfrom} or {@code helo}, the RFC 8601 property it is reported under
 * @param checked the address or HELO name as checked
 * @param domain the domain of that identity, lower-case: the one SPF authenticates on a pass, and
 *        the one DMARC aligns (RFC 7489 §3.1.2); "" when there is none (a HELO address literal)
 */
public record SpfResult(Status status, String identity, String checked, String domain) {

    /** RFC 7208 §2.6, in the words of Authentication-Results (RFC 8601 §2.7.2). */
    public enum Status {
        NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

        /** The word of the header and of the metric, e.g. {@code softfail}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** jSPF's result word; anything else it might say is a permanent error. */
        static Status of(String word) {
            for (Status status : values()) {
                if (status.word().equalsIgnoreCase(word)) {
                    return status;
                }
            }
            return PERMERROR;
        }
    }

    /** The verdict as stored and as Authentication-Results says it: {@code spf=pass smtp.mailfrom=a@example.org}. */
    MessageCheck verdict() {
        return new MessageCheck("spf", status.word(), "smtp." + identity + "=" + HeaderValues.value(checked));
    }
}

package org.postroom.smtp.inbound.checks;

import java.util.Locale;

/**
 * The verdict on one DKIM-Signature field (RFC 6376 §6.1, in the words of RFC 8601 §2.7.1).
 *
 * @param status the result
 * @param domain the signing domain (d=), lower-case; "" when the field could not be read
 * @param selector the selector (s=); "" when the field could not be read
 * @param signature the first characters of the signature (b=), to tell two signatures of one
 *        domain apart (RFC 6008); "" when unknown
 * @param reason why it did not pass, printable ASCII; "" for a pass
 */
public record DkimResult(Status status, String domain, String selector, String signature, String reason) {

    /** RFC 8601 §2.7.1. */
    public enum Status {
        PASS, FAIL, TEMPERROR, PERMERROR;

        /** The word of the header and of the metric. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The resinfo of Authentication-Results, e.g. {@code dkim=pass header.d=example.org header.s=s1 header.b=AbCdEfGh}. */
    String resinfo() {
        StringBuilder text = new StringBuilder("dkim=").append(status.word());
        if (!reason.isEmpty()) {
            text.append(" reason=").append(HeaderValues.quoted(reason));
        }
        if (!domain.isEmpty()) {
            text.append(" header.d=").append(HeaderValues.value(domain))
                    .append(" header.s=").append(HeaderValues.value(selector));
        }
        if (!signature.isEmpty()) {
            text.append(" header.b=").append(HeaderValues.value(signature));
        }
        return text.toString();
    }
}

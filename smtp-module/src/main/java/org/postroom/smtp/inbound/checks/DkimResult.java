package org.postroom.smtp.inbound.checks;

import java.util.Locale;
import java.util.StringJoiner;

import org.postroom.storage.message.MessageCheck;

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

    private static final String METHOD = "dkim";

    /** The verdict of a message without a DKIM-Signature field: {@code dkim=none}. */
    static final MessageCheck UNSIGNED = new MessageCheck(METHOD, "none", "");

    /** RFC 8601 §2.7.1. */
    public enum Status {
        PASS, FAIL, TEMPERROR, PERMERROR;

        /** The word of the header and of the metric. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The verdict as stored and as Authentication-Results says it, e.g. {@code dkim=pass
     * header.d=example.org header.s=s1 header.b=AbCdEfGh}.
     */
    MessageCheck verdict() {
        StringJoiner properties = new StringJoiner(" ");
        if (!reason.isEmpty()) {
            properties.add("reason=" + HeaderValues.quoted(reason));
        }
        if (!domain.isEmpty()) {
            properties.add("header.d=" + HeaderValues.value(domain)).add("header.s=" + HeaderValues.value(selector));
        }
        if (!signature.isEmpty()) {
            properties.add("header.b=" + HeaderValues.value(signature));
        }
        return new MessageCheck(METHOD, status.word(), properties.toString());
    }
}

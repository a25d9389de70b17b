package org.postroom.smtp.inbound.checks;

import java.util.Locale;
import java.util.StringJoiner;

import org.postroom.storage.message.MessageCheck;

/**
 * The DMARC verdict on one author domain (RFC 7489 §6.6), kept apart from what is done about it:
 * {@code status} goes into Authentication-Results, {@code disposition} decides the message's fate.
 *
 * @param status the result, in the words of RFC 8601 §2.7.5
 * @param domain the author domain (the header From: field's), lower-case ASCII
 * @param policy the policy the domain asks for a failing message ({@code p=}, or {@code sp=} for a
 *        subdomain under its organisational domain's record); {@link Policy#NONE} when there is none
 * @param disposition what this server does: {@code reject} and {@code quarantine} only for a
 *        failure the policy asks it for and {@code pct=} sampled, {@code defer} for a temporary
 *        error where a pass was still possible and the policy would reject
 * @param reason a short note for the header, printable ASCII; "" when there is nothing to add
 */
public record DmarcResult(Status status, String domain, Policy policy, Disposition disposition, String reason) {

    private static final String METHOD = "dmarc";

    /** The verdict of a message that names no author domain: {@code dmarc=none}. */
    static final MessageCheck NO_AUTHOR = new MessageCheck(METHOD, "none", "");

    /** RFC 8601 §2.7.5 (with RFC 7489 §11.2). */
    public enum Status {
        NONE, PASS, FAIL, TEMPERROR, PERMERROR;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** RFC 7489 §6.3, the p= and sp= tags. */
    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** RFC 7489 §6.6.4: a message not sampled by pct= gets the next policy down. */
        Policy lower() {
            return this == REJECT ? QUARANTINE : NONE;
        }
    }

    /** What happens to the message, from the mildest. */
    public enum Disposition {
        /** Delivered. */
        NONE,
        /** Delivered into quarantine, held for an administrator. */
        QUARANTINE,
        /** Refused with 451: the DNS failed where a pass could have saved a message the policy rejects. */
        DEFER,
        /** Refused with 550. */
        REJECT;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * This verdict with the message delivered all the same, for {@code exemption} (e.g. {@code
     * trusted-forwarder}): disposition none, the exemption added to the reason.
     */
    DmarcResult delivered(String exemption) {
        return new DmarcResult(status, domain, policy, Disposition.NONE,
                reason.isEmpty() ? exemption : reason + "; " + exemption);
    }

    /**
     * The verdict as stored and as Authentication-Results says it, e.g. {@code dmarc=fail
     * (p=reject dis=reject) header.from=example.org}.
     */
    MessageCheck verdict() {
        StringJoiner properties = new StringJoiner(" ");
        if (status == Status.PASS || status == Status.FAIL) {
            properties.add("(p=" + policy.word() + " dis=" + disposition.word() + ")");
        }
        if (!reason.isEmpty()) {
            properties.add("reason=" + HeaderValues.quoted(reason));
        }
        properties.add("header.from=" + HeaderValues.value(domain));
        return new MessageCheck(METHOD, status.word(), properties.toString());
    }
}

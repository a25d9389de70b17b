package org.postroom.smtp.inbound.checks;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.postroom.smtp.inbound.checks.DmarcResult.Policy;

/**
 * A DMARC policy record (RFC 7489 §6.3), the tags that decide a message's fate: {@code p}, {@code
 * sp}, {@code adkim}, {@code aspf} and {@code pct}. Reporting tags are not used: this server sends
 * no reports. Tag names are read in any case, unknown tags are ignored (§6.3).
 *
 * @param policy p=
 * @param subdomainPolicy sp=, p= when absent
 * @param strictDkim adkim=s
 * @param strictSpf aspf=s
 * @param percent pct=, 0 to 100, 100 when absent
 */
record DmarcRecord(Policy policy, Policy subdomainPolicy, boolean strictDkim, boolean strictSpf, int percent) {

    /** §6.3: "v=DMARC1" first, exactly so. */
    private static final Pattern VERSION = Pattern.compile("^v\\s*=\\s*DMARC1\\s*(;.*)?$", Pattern.DOTALL);

    /** Whether {@code text} (a TXT record at {@code _dmarc.}) is a DMARC record at all (§6.6.3 step 3). */
    static boolean isDmarc(String text) {
        return VERSION.matcher(text.strip()).matches();
    }

    /**
     * The record {@code text}, which {@link #isDmarc} accepted.
     *
     * @throws IllegalArgumentException naming the fault, when the record is unusable: no valid
     *         p=, a bad sp=, adkim=, aspf= or pct=; unless it names a report address (rua=), which
     *         makes it a record of p=none (§6.6.3 step 6)
     */
    static DmarcRecord parse(String text) {
        Map<String, String> tags = new HashMap<>();
        for (String tag : text.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0) {
                tags.putIfAbsent(tag.substring(0, equals).strip().toLowerCase(Locale.ROOT), tag.substring(equals + 1).strip());
            }
        }
        try {
            Policy policy = policy(tags.get("p"));
            Policy subdomainPolicy = tags.containsKey("sp") ? policy(tags.get("sp")) : policy;
            return new DmarcRecord(policy, subdomainPolicy, strict("adkim", tags.get("adkim")),
                    strict("aspf", tags.get("aspf")), percent(tags.get("pct")));
        } catch (IllegalArgumentException e) {
            if (tags.getOrDefault("rua", "").contains(":")) {
                return new DmarcRecord(Policy.NONE, Policy.NONE, false, false, 100);
            }
            throw e;
        }
    }

    private static Policy policy(String value) {
        if (value != null) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "none":
                    return Policy.NONE;
                case "quarantine":
                    return Policy.QUARANTINE;
                case "reject":
                    return Policy.REJECT;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("no valid policy (p=" + value + ")");
    }

    private static boolean strict(String tag, String value) {
        if (value == null || value.equalsIgnoreCase("r")) {
            return false;
        }
        if (value.equalsIgnoreCase("s")) {
            return true;
        }
        throw new IllegalArgumentException("bad " + tag + "=" + value);
    }

    private static int percent(String value) {
        if (value == null) {
            return 100;
        }
        try {
            int percent = Integer.parseInt(value);
            if (percent >= 0 && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("bad pct=" + value);
    }
}

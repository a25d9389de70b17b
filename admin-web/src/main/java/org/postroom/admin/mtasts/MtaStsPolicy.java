package org.postroom.admin.mtasts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.MtaStsMode;

/**
 * The MTA-STS policy a domain publishes (RFC 8461 §3.2): its mode, this server as the one MX, and
 * how long senders may keep it.
 *
 * @param mode testing or enforce (a domain in mode none publishes no policy)
 * @param mx the host name senders must find as the domain's MX, with a certificate valid for it
 */
public record MtaStsPolicy(MtaStsMode mode, String mx) {

    /**
     * {@code max_age}: a week. Long enough that a sender keeps enforcing between visits, as RFC 8461
     * §3.2 wants (it allows up to a year), short enough that a change reaches every sender within it.
     */
    public static final Duration MAX_AGE = Duration.ofDays(7);

    /** The policy of {@code domain} on the server {@code hostname}; empty in mode none. */
    public static Optional<MtaStsPolicy> of(Domain domain, String hostname) {
        return domain.mtaSts() == MtaStsMode.NONE ? Optional.empty() : Optional.of(new MtaStsPolicy(domain.mtaSts(), hostname));
    }

    /** The policy file, each line ended by CRLF (RFC 8461 §3.2). */
    public String text() {
        return "version: STSv1\r\n" + "mode: " + mode.token() + "\r\n" + "mx: " + mx + "\r\n" + "max_age: "
                + MAX_AGE.toSeconds() + "\r\n";
    }

    /**
     * The {@code id} of the {@code _mta-sts} TXT record (RFC 8461 §3.1: 1 to 32 letters and digits):
     * derived from the policy's text, so it changes whenever the policy does (mode, host name,
     * max_age) and every process of the server gives the same one without storing it.
     */
    public String id() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The value of the {@code _mta-sts.<domain>} TXT record that tells senders the policy exists. */
    public String record() {
        return "v=STSv1; id=" + id();
    }
}

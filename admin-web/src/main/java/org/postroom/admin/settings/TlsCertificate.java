package org.postroom.admin.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The mail listeners' certificate as an administrator needs to know it: whose, for which names, by
 * whom, until when.
 *
 * @param names the DNS names it is valid for (its subject alternative names)
 */
public record TlsCertificate(String subject, String issuer, Instant notBefore, Instant notAfter, List<String> names) {

    public TlsCertificate {
        names = List.copyOf(names);
    }

    /** A certificate it signed itself, which mail clients will warn about. */
    public boolean selfSigned() {
        return subject.equals(issuer);
    }

    /** True when the certificate has expired or will within {@code period} from {@code now}. */
    public boolean expiresWithin(Duration period, Instant now) {
        return notAfter.isBefore(now.plus(period));
    }
}

package org.postroom.listener.tls;

import java.time.Instant;
import java.util.List;

/**
 * The certificate the listeners present right now, as the admin console's settings page shows it.
 *
 * @param subject  the subject's distinguished name (RFC 2253 form), e.g. {@code CN=mail.example.com}
 * @param issuer   the issuer's distinguished name; equal to {@code subject} for a self-signed certificate
 * @param notBefore the start of the validity period
 * @param notAfter the end of the validity period
 * @param names the DNS names of its subject alternative names, which clients check the host name against
 */
public record CertificateInfo(String subject, String issuer, Instant notBefore, Instant notAfter, List<String> names) {

    public CertificateInfo {
        names = List.copyOf(names);
    }

    /** Whether the certificate signs itself, i.e. mail clients will warn until a real one is installed. */
    public boolean selfSigned() {
        return subject.equals(issuer);
    }
}

package org.postroom.smtp.outbound;

import java.util.Objects;

import org.postroom.smtp.SmtpStandard;

/**
 * A smart host that takes all outbound mail (without a per-domain route), with optional AUTH.
 *
 * <p>A relay that logs in gets TLS with a verified certificate or nothing. Opportunistic TLS would
 * give the password to whoever answers in the relay's place (any certificate passes) or makes the
 * handshake fail (the next attempt would go in plain text). So for such a relay {@code
 * OPPORTUNISTIC} means {@code STARTTLS}, or {@code IMPLICIT} on port 465 (RFC 8314 §3.3), and
 * {@code NONE} is refused.
 *
 * @param username empty for no AUTH
 * @param trust the certificates a verified connection to it accepts
 */
public record RelayHost(HostAndPort address, TlsMode tls, String username, String password, CertificateTrust trust) {

    public RelayHost {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        Objects.requireNonNull(trust, "trust");
        if (tls == TlsMode.MTA_STS) {
            throw new IllegalArgumentException("TLS mode mta_sts is for MX hosts under an MTA-STS policy; a relay"
                    + " whose certificate is to be verified takes starttls or implicit");
        }
        if (!username.isEmpty() && tls == TlsMode.NONE) {
            throw new IllegalArgumentException("a relay that logs in needs TLS; without it the password would cross"
                    + " the network in clear");
        }
        if (!username.isEmpty() && tls == TlsMode.OPPORTUNISTIC) {
            tls = address.port() == SmtpStandard.SUBMISSIONS_PORT ? TlsMode.IMPLICIT : TlsMode.STARTTLS;
        }
    }

    /** A relay whose certificate, when verified, must chain to the JDK's trust store. */
    public RelayHost(HostAndPort address, TlsMode tls, String username, String password) {
        this(address, tls, username, password, CertificateTrust.jdk());
    }

    public boolean authenticates() {
        return !username.isEmpty();
    }

    @Override
    public String toString() {
        return "RelayHost[" + address + ", tls=" + tls + (authenticates() ? ", user=" + username : "")
                + (trust.equals(CertificateTrust.jdk()) ? "" : ", trust=" + trust) + "]";
    }
}

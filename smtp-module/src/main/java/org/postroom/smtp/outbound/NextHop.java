package org.postroom.smtp.outbound;

/**
 * One server to try: an MX host, a route, or the relay host, with how to protect the connection
 * and, for the relay, how to log in.
 *
 * @param relay the relay host whose credentials to use, null for every other hop
 * @param trust the certificates a verified connection to this hop accepts
 */
public record NextHop(String host, int port, TlsMode tls, RelayHost relay, CertificateTrust trust) {

    static NextHop mx(String host, int port) {
        return new NextHop(host, port, TlsMode.OPPORTUNISTIC, null, CertificateTrust.jdk());
    }

    static NextHop route(HostAndPort address) {
        return new NextHop(address.host(), address.port(), TlsMode.OPPORTUNISTIC, null, CertificateTrust.jdk());
    }

    static NextHop relay(RelayHost relay) {
        return new NextHop(relay.address().host(), relay.address().port(), relay.tls(), relay, relay.trust());
    }

    /** This MX host as an MTA-STS policy in enforce mode wants it reached: verified TLS, certificates of {@code trust}. */
    NextHop enforced(CertificateTrust trust) {
        return new NextHop(host, port, TlsMode.MTA_STS, null, trust);
    }

    /** Whether we log in here: only ever over verified TLS, as {@link RelayHost} makes sure. */
    boolean logsIn() {
        return relay != null && relay.authenticates();
    }

    @Override
    public String toString() {
        return new HostAndPort(host, port).toString();
    }
}

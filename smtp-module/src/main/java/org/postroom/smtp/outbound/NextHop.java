package org.postroom.smtp.outbound;

/**
 * One server to try: an MX host, a route, or the relay host, with how to protect the connection
 * and, for the relay, how to log in.
 *
 * @param relay the relay host whose credentials to use, null for every other hop
 */
public record NextHop(String host, int port, TlsMode tls, RelayHost relay) {

    static NextHop mx(String host, int port) {
        return new NextHop(host, port, TlsMode.OPPORTUNISTIC, null);
    }

    static NextHop route(HostAndPort address) {
        return new NextHop(address.host(), address.port(), TlsMode.OPPORTUNISTIC, null);
    }

    static NextHop relay(RelayHost relay) {
        return new NextHop(relay.address().host(), relay.address().port(), relay.tls(), relay);
    }

    /** Whether we log in here: only ever over verified TLS, as {@link RelayHost} makes sure. */
    boolean logsIn() {
        return relay != null && relay.authenticates();
    }

    /** The certificates a verified connection to this hop accepts. */
    CertificateTrust trust() {
        return relay == null ? CertificateTrust.jdk() : relay.trust();
    }

    @Override
    public String toString() {
        return new HostAndPort(host, port).toString();
    }
}

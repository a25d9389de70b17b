package org.postroom.smtp.outbound.mtasts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS over a socket connected to an address, with the certificate checked (RFC 5280 path to a
 * trusted CA, then RFC 6125 host name, by the JDK during the handshake) against a host name given
 * here and sent as SNI: an MX host is reached at the address our resolver found, while RFC 8461
 * §4.2 wants its certificate valid for the MX host name. As a socket factory it takes the place of
 * the name a client library would check (the address it connected to): the SMTP client's STARTTLS
 * layers it over its connection.
 */
public final class PeerNameTls extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final String peerName;

    /** Checks certificates with the trust of {@code context} against {@code peerName}. */
    public PeerNameTls(SSLContext context, String peerName) {
        this.delegate = context.getSocketFactory();
        this.peerName = peerName.endsWith(".") ? peerName.substring(0, peerName.length() - 1) : peerName;
    }

    /** {@code plain}, connected to any address, wrapped in TLS for the peer name; the handshake is done when the first byte moves. */
    @Override
    public Socket createSocket(Socket plain, String ignoredHost, int port, boolean autoClose) throws IOException {
        return checked(delegate.createSocket(plain, peerName, port, autoClose));
    }

    @Override
    public Socket createSocket(String ignoredHost, int port) throws IOException {
        return checked(delegate.createSocket(peerName, port));
    }

    @Override
    public Socket createSocket(String ignoredHost, int port, InetAddress localHost, int localPort) throws IOException {
        return checked(delegate.createSocket(peerName, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return checked(delegate.createSocket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return checked(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private Socket checked(Socket socket) {
        SSLSocket tls = (SSLSocket) socket;
        SSLParameters parameters = tls.getSSLParameters();
        // "HTTPS" is RFC 2818's reading of RFC 6125: DNS names in the subjectAltName, one leftmost wildcard label
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName(peerName)));
        tls.setSSLParameters(parameters);
        return tls;
    }
}

package org.postroom.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP request over TLS to a loopback port, the raw response back: the certificate's chain is
 * checked against {@code trust}, its host name is not (the test's names resolve nowhere but in the
 * test's DNS server, which the JDK's HTTP client does not ask).
 */
final class RawHttps {

    private RawHttps() {
    }

    /** {@code request}: the whole request, with {@code Connection: close} so that the response ends. */
    static String send(SSLContext trust, int port, String request) throws IOException {
        try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}

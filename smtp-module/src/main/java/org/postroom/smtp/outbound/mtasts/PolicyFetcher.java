package org.postroom.smtp.outbound.mtasts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javax.net.ssl.SSLContext;


/**
 * Fetches a domain's policy file, {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC
 * 8461 §3.3): the host's addresses from our resolver (like every other name delivery looks up),
 * TLS with the certificate verified for {@code mta-sts.<domain>} ({@link PeerNameTls}), one HTTP/1.0
 * GET (so the answer comes whole, never chunked), 200 with {@code text/plain} only, redirects not
 * followed, at most {@link #MAX_SIZE} bytes, each connection and read bounded by the timeout.
 */
final class PolicyFetcher {

    /** RFC 8461 §3.3 suggests 64 KiB as the limit of a policy file. */
    static final int MAX_SIZE = 64 * 1024;
    private static final int MAX_HEADER = 16 * 1024;
    static final String PATH = "/.well-known/mta-sts.txt";

    private final Function<String, List<InetAddress>> addresses;
    private final SSLContext trust;
    private final int port;
    private final Duration timeout;

    /**
     * Looks host names up with {@code addresses} (delivery's DNS lookup), trusts the CAs of {@code
     * trust}; {@code port} is 443 but in tests on loopback.
     */
    PolicyFetcher(Function<String, List<InetAddress>> addresses, SSLContext trust, int port, Duration timeout) {
        this.addresses = addresses;
        this.trust = trust;
        this.port = port;
        this.timeout = timeout;
    }

    /**
     * The policy file's text for {@code domain}.
     *
     * @throws IOException saying why there is none: no address, no connection, a certificate that
     *         does not verify, another status than 200, another type than text/plain, too large
     */
    String fetch(String domain) throws IOException {
        String host = "mta-sts." + domain;
        List<InetAddress> found = addresses.apply(host);
        if (found.isEmpty()) {
            throw new IOException("no address for " + host);
        }
        IOException last = null;
        for (InetAddress address : found) {
            try {
                return fetch(host, address);
            } catch (PolicyRefused e) {
                throw e;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private String fetch(String host, InetAddress address) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (Socket tls = new PeerNameTls(trust, host).createSocket(plain, host, port, true)) {
                OutputStream out = tls.getOutputStream();
                out.write(("GET " + PATH + " HTTP/1.0\r\nHost: " + host + "\r\nAccept: text/plain\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return read(host, tls.getInputStream());
            }
        } catch (PolicyRefused e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("fetching https://" + host + PATH + " from " + address.getHostAddress()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static String read(String host, InputStream in) throws IOException {
        String head = head(in);
        String[] lines = head.split("\r?\n");
        String status = lines[0];
        if (!status.matches("HTTP/1\\.[01] 200( .*)?")) {
            throw new PolicyRefused("https://" + host + PATH + " answered " + status + " (only 200 counts, §3.3)");
        }
        String type = null;
        long length = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-type")) {
                type = value.toLowerCase(Locale.ROOT);
            } else if (name.equals("content-length") && value.matches("[0-9]{1,10}")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                throw new PolicyRefused("https://" + host + PATH + " answered an HTTP/1.0 request with " + value);
            }
        }
        if (type == null || !(type.equals("text/plain") || type.startsWith("text/plain;"))) {
            throw new PolicyRefused("https://" + host + PATH + " is " + type + ", not text/plain");
        }
        if (length > MAX_SIZE) {
            throw new PolicyRefused("https://" + host + PATH + " is larger than " + MAX_SIZE + " bytes");
        }
        byte[] body = in.readNBytes(MAX_SIZE + 1);
        if (body.length > MAX_SIZE) {
            throw new PolicyRefused("https://" + host + PATH + " is larger than " + MAX_SIZE + " bytes");
        }
        if (length >= 0 && body.length != length) {
            throw new IOException("https://" + host + PATH + " ended after " + body.length + " of " + length + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The status line and header fields, up to the empty line. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int previous = -1;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n' && (previous == '\n' || head.size() >= 2 && endsWithBlankLine(head.toByteArray()))) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(c);
            if (head.size() > MAX_HEADER) {
                throw new PolicyRefused("the HTTP header of the policy is longer than " + MAX_HEADER + " bytes");
            }
            previous = c;
        }
        throw new IOException("the connection ended inside the HTTP header");
    }

    private static boolean endsWithBlankLine(byte[] head) {
        int n = head.length;
        return n >= 3 && head[n - 1] == '\r' && head[n - 2] == '\n' && head[n - 3] == '\r';
    }

    /** The server answered, and what it answered is no policy: another of its addresses would say the same. */
    static final class PolicyRefused extends IOException {
        private static final long serialVersionUID = 1L;

        PolicyRefused(String message) {
            super(message);
        }
    }
}

package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

/**
 * A raw SMTP client for tests that read like a session log:
 *
 * <pre>
 * smtp.send("RCPT TO:&lt;nobody@example.com&gt;").expect("550 5.1.1");
 * </pre>
 *
 * Every reply is checked to carry an enhanced status code of its class (RFC 2034), except those
 * RFC 2034 exempts (the greeting, the answers to EHLO and HELO) and the 354 and 334 continuations.
 */
public final class SmtpTranscript implements AutoCloseable {

    private static final Pattern ENHANCED = Pattern.compile("\\d{3}[ -][245]\\.\\d{1,3}\\.\\d{1,3}( .*)?");
    private static final int TIMEOUT_MS = 20_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean exemptNext = true;
    private List<String> lastReply = List.of();

    private SmtpTranscript(Socket socket) throws IOException {
        use(socket);
    }

    /** Connects and reads the greeting, which must be 220. */
    public static SmtpTranscript connect(int port) {
        try {
            SmtpTranscript transcript = new SmtpTranscript(new Socket("127.0.0.1", port));
            transcript.expect("220 ");
            return transcript;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Connects from {@code localAddress}, another loopback address such as 127.0.0.2 (Linux answers
     * all of 127.0.0.0/8), as a second client would, and reads the greeting.
     */
    public static SmtpTranscript connectFrom(String localAddress, int port) {
        try {
            SmtpTranscript transcript = new SmtpTranscript(
                    new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(localAddress), 0));
            transcript.expect("220 ");
            return transcript;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects without expecting a greeting: the listener is expected to refuse with 421. */
    public static SmtpTranscript refused(int port) {
        try {
            SmtpTranscript transcript = new SmtpTranscript(new Socket("127.0.0.1", port));
            transcript.exemptNext = false;
            return transcript;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects with TLS from the first byte (port 465) and reads the greeting. */
    public static SmtpTranscript connectTls(int port) {
        try {
            SSLSocket tls = (SSLSocket) TrustingTls.socketFactory().createSocket("127.0.0.1", port);
            tls.startHandshake();
            SmtpTranscript transcript = new SmtpTranscript(tls);
            transcript.expect("220 ");
            return transcript;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Continues the session over {@code socket}, e.g. after a TLS handshake on the same connection. */
    public SmtpTranscript use(Socket newSocket) throws IOException {
        socket = newSocket;
        socket.setSoTimeout(TIMEOUT_MS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        return this;
    }

    public Socket socket() {
        return socket;
    }

    /** Sends one command line (CRLF added). */
    public SmtpTranscript send(String line) {
        String word = line.split(" ", 2)[0].toUpperCase();
        exemptNext = word.equals("EHLO") || word.equals("HELO");
        return raw(line + "\r\n");
    }

    /** Sends bytes exactly as given (several commands, bare line endings, message data). */
    public SmtpTranscript raw(String data) {
        try {
            out.write(data.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Sends {@code data} one byte a second, as a slowloris client does, until the server says
     * something; returns how long after the first byte that was. Fails if all of it went out
     * unanswered.
     */
    public Duration trickle(String data) {
        long first = System.nanoTime();
        for (char c : data.toCharArray()) {
            raw(String.valueOf(c));
            if (inputWithin(Duration.ofSeconds(1))) {
                return Duration.ofNanos(System.nanoTime() - first);
            }
        }
        throw new AssertionError("the server let " + data.length() + " bytes trickle in without a word");
    }

    /** Reads one reply (all its lines) and checks that its first line starts with {@code prefix}. */
    public SmtpTranscript expect(String prefix) {
        lastReply = readReply();
        assertThat(lastReply.get(0)).as("reply").startsWith(prefix);
        String code = lastReply.get(0).substring(0, 3);
        boolean exempt = exemptNext || code.equals("354") || code.equals("334");
        exemptNext = false;
        if (!exempt) {
            for (String line : lastReply) {
                assertThat(line).as("every reply carries an enhanced status code").matches(ENHANCED);
                assertThat(line.charAt(4)).as("the enhanced code's class is the reply's").isEqualTo(code.charAt(0));
            }
        }
        return this;
    }

    /** True when a reply (or anything) is waiting to be read, without blocking. */
    public boolean replyWaiting() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether anything comes from the server within {@code wait}; nothing is consumed. */
    public boolean inputWithin(Duration wait) {
        try {
            in.mark(1);
            socket.setSoTimeout((int) wait.toMillis());
            try {
                in.read();
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } finally {
                in.reset();
                socket.setSoTimeout(TIMEOUT_MS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the last reply, e.g. the EHLO keywords. */
    public List<String> reply() {
        return lastReply;
    }

    /** EHLO, expecting 250; returns the extension keywords. */
    public List<String> ehlo(String name) {
        send("EHLO " + name).expect("250");
        return lastReply.stream().skip(1).map(line -> line.substring(4)).toList();
    }

    /** The server closed the connection: nothing more to read. */
    public void expectClosed() {
        try {
            int next = in.read();
            assertThat(next).as("connection closed by the server").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection", e);
        } catch (IOException closed) {
            // reset by the server: closed as well
        }
    }

    /** Starts TLS on this connection after a 220 to STARTTLS, trusting any certificate. */
    public SmtpTranscript startTls() {
        try {
            SSLSocket tls = (SSLSocket) TrustingTls.socketFactory().createSocket(socket, "localhost", socket.getPort(), true);
            tls.startHandshake();
            return use(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> readReply() {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines;
            }
        }
    }

    private String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed while waiting for a reply; read so far: " + line);
                }
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    assertThat(text).as("reply lines end with CRLF").endsWith("\r");
                    return text.substring(0, text.length() - 1);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

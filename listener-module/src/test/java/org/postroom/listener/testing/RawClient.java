package org.postroom.listener.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A client that sends whatever bytes it is given and reads lines with a deadline, for protocol
 * tests that must send what no client library would. A server that closes the connection is an
 * answer ({@link #readLine} returns null, {@link #write} returns false); a server that neither
 * answers nor closes within the deadline fails the test. The last lines each way are kept for the
 * failure message ({@link #transcript}).
 */
public final class RawClient implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int TRANSCRIPT_LINES = 40;
    private static final int TRANSCRIPT_WIDTH = 160;

    private final Duration deadline;
    private final Deque<String> transcript = new ArrayDeque<>();
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean closed;

    private RawClient(Socket socket, Duration deadline) throws IOException {
        this.deadline = deadline;
        use(socket);
    }

    /** Connects to the loopback {@code port}; every read fails when nothing comes within {@code deadline}. */
    public static RawClient connect(int port, Duration deadline) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return new RawClient(socket, deadline);
    }

    /** Sends {@code bytes} as they are; false when the server had closed the connection. */
    public boolean write(byte[] bytes) {
        note("C: ", bytes);
        if (closed) {
            return false;
        }
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException closedByServer) {
            note("C: ", "(write failed: " + closedByServer.getMessage() + ")");
            closed = true;
            return false;
        }
    }

    public boolean write(String text) {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The next line without its CRLF, or null when the server closed (or reset) the connection.
     *
     * @throws AssertionError when neither a line nor the close came within the deadline
     */
    public String readLine() {
        if (closed) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    closed = true;
                    note("S: ", "(closed)");
                    return null;
                }
                line.write(b);
            }
        } catch (SocketTimeoutException hang) {
            note("S: ", "(nothing for " + deadline.toMillis() + " ms)");
            throw new AssertionError("the server neither answered nor closed within " + deadline.toMillis() + " ms");
        } catch (IOException reset) {
            closed = true;
            note("S: ", "(connection reset)");
            return null;
        }
        note("S: ", line.toByteArray());
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * Waits for the server to close the connection, reading whatever it still sends.
     *
     * @throws AssertionError when the connection is still open after the deadline
     */
    public void awaitClose() {
        while (readLine() != null) {
            // a reply sent before the close is fine
        }
    }

    /** Whether the server closed the connection, as far as reads and writes have shown. */
    public boolean isClosed() {
        return closed;
    }

    /** Starts TLS on this connection, trusting the certificates {@code tls} trusts. */
    public void startTls(SSLSocketFactory tls) throws IOException {
        note("C: ", "(TLS handshake)");
        SSLSocket upgraded = (SSLSocket) tls.createSocket(socket, "localhost", socket.getPort(), true);
        upgraded.startHandshake();
        use(upgraded);
    }

    /** Drops the connection with a TCP reset, as a crashing client or a middlebox does. */
    public void abort() {
        note("C: ", "(reset)");
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // gone already
        }
        closed = true;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone already
        }
        closed = true;
    }

    /** The last lines sent (C:) and received (S:), escaped, for a failure message. */
    public String transcript() {
        return String.join("\n", transcript);
    }

    private void use(Socket newSocket) throws IOException {
        socket = newSocket;
        socket.setSoTimeout((int) deadline.toMillis());
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private void note(String direction, byte[] bytes) {
        note(direction, RandomInput.escape(bytes));
    }

    private void note(String direction, String text) {
        String entry = direction + (text.length() > TRANSCRIPT_WIDTH ? text.substring(0, TRANSCRIPT_WIDTH) + "..." : text);
        if (transcript.size() == TRANSCRIPT_LINES) {
            transcript.removeFirst();
        }
        transcript.addLast(entry);
    }
}

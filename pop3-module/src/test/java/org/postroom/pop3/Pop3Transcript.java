package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A POP3 client on a raw socket that reads like a session log: send a line, assert the reply's
 * prefix. Multi-line replies are read to the terminating "." and un-stuffed, byte for byte.
 */
final class Pop3Transcript implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private Pop3Transcript(Socket socket) throws IOException {
        use(socket);
    }

    /** Connects and expects the greeting. */
    static Pop3Transcript connect(int port) throws IOException {
        Pop3Transcript transcript = new Pop3Transcript(new Socket("127.0.0.1", port));
        transcript.expect("+OK");
        return transcript;
    }

    /** Connects with TLS from the first byte (POP3S) and expects the greeting. */
    static Pop3Transcript connectTls(int port, SSLContext tls) throws IOException {
        Pop3Transcript transcript = new Pop3Transcript(tls.getSocketFactory().createSocket("127.0.0.1", port));
        transcript.expect("+OK");
        return transcript;
    }

    /** C: STLS / S: +OK, then the TLS handshake on the same connection. */
    void startTls(SSLContext tls) throws IOException {
        send("STLS", "+OK");
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        secured.startHandshake();
        use(secured);
    }

    private void use(Socket connection) throws IOException {
        socket = connection;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** C: line / S: a reply starting with {@code prefix}; returns the reply line. */
    String send(String line, String prefix) throws IOException {
        write(line + "\r\n");
        return expect(prefix);
    }

    /** C: line / S: +OK and a multi-line body; returns the body lines. */
    List<String> sendMultiLine(String line) throws IOException {
        send(line, "+OK");
        List<String> lines = new ArrayList<>();
        for (byte[] body : bodyLines()) {
            lines.add(new String(body, StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** C: RETR/TOP / S: +OK and the message, un-stuffed: exactly the bytes the server meant. */
    byte[] retrieve(String command) throws IOException {
        send(command, "+OK");
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (byte[] line : bodyLines()) {
            message.writeBytes(line);
            message.writeBytes(new byte[] { '\r', '\n' });
        }
        return message.toByteArray();
    }

    /** Like {@link #retrieve} for a large message: its SHA-256 and length, never all of it in memory. */
    Digest retrieveDigest(String command) throws IOException {
        send(command, "+OK");
        MessageDigest sha = sha256();
        long length = 0;
        for (byte[] line = readRawLine(); !Arrays.equals(line, new byte[] { '.' }); line = readRawLine()) {
            assertThat(line).as("connection closed inside a multi-line reply").isNotNull();
            int start = line.length > 0 && line[0] == '.' ? 1 : 0;
            sha.update(line, start, line.length - start);
            sha.update(new byte[] { '\r', '\n' });
            length += line.length - start + 2;
        }
        return new Digest(sha.digest(), length);
    }

    record Digest(byte[] sha256, long length) {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code text} one byte a second, as a slowloris client does, until the server says
     * something; fails if all of it went out unanswered.
     */
    void trickle(String text) throws IOException {
        for (char c : text.toCharArray()) {
            write(String.valueOf(c));
            if (inputWithin(Duration.ofSeconds(1))) {
                return;
            }
        }
        throw new AssertionError("the server let " + text.length() + " bytes trickle in without a word");
    }

    /**
     * C: RETR/TOP / S: the reply, read like a client on a slow link: {@code chunk} bytes at a time,
     * each after {@code pause}. Returns the number of bytes up to and including the final ".".
     */
    long retrieveSlowly(String command, int chunk, Duration pause) throws IOException {
        write(command + "\r\n");
        byte[] end = { '\r', '\n', '.', '\r', '\n' };
        byte[] last = new byte[end.length];
        byte[] buffer = new byte[chunk];
        long total = 0;
        while (!Arrays.equals(last, end)) {
            pace(pause);
            int n = in.read(buffer);
            assertThat(n).as("connection closed inside the reply").isPositive();
            for (int i = 0; i < n; i++) {
                System.arraycopy(last, 1, last, 0, last.length - 1);
                last[last.length - 1] = buffer[i];
            }
            total += n;
        }
        return total;
    }

    /** Sends raw bytes, e.g. several commands in one write. */
    void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** S: the next reply line starts with {@code prefix}. */
    String expect(String prefix) throws IOException {
        byte[] raw = readRawLine();
        assertThat(raw).as("connection closed while expecting " + prefix).isNotNull();
        String line = new String(raw, StandardCharsets.UTF_8);
        assertThat(line).startsWith(prefix);
        return line;
    }

    /** The client's own pace, not a wait for the server. */
    private static void pace(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Whether anything comes from the server within {@code wait}; nothing is consumed. */
    private boolean inputWithin(Duration wait) throws IOException {
        in.mark(1);
        socket.setSoTimeout((int) wait.toMillis());
        try {
            in.read();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            in.reset();
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    /** True when the server closes the connection without sending anything more. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Drops the connection without QUIT. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private List<byte[]> bodyLines() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        for (byte[] line = readRawLine(); !Arrays.equals(line, new byte[] { '.' }); line = readRawLine()) {
            assertThat(line).as("connection closed inside a multi-line reply").isNotNull();
            lines.add(line.length > 0 && line[0] == '.' ? Arrays.copyOfRange(line, 1, line.length) : line);
        }
        return lines;
    }

    /** One line without its CRLF; null at the end of the stream. A bare LF does not end a line. */
    private byte[] readRawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return Arrays.copyOf(bytes, bytes.length - 1);
            }
            line.write(b);
            previous = b;
        }
        return line.size() == 0 ? null : line.toByteArray();
    }
}

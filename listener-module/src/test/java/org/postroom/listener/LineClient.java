package org.postroom.listener;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A line-based client on a plain socket, for transcripts and malformed input that no client
 * library would send: exact bytes out, lines in, and TLS layered on the same socket on demand
 * with the JDK's own TLS client.
 */
public final class LineClient implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private LineClient(Socket socket) throws IOException {
        use(socket);
    }

    public static LineClient connect(int port) throws IOException {
        return connectFrom(InetAddress.getLoopbackAddress(), port);
    }

    /** Connects from a given local address, e.g. 127.0.0.2 to look like another client. */
    public static LineClient connectFrom(InetAddress local, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
        return new LineClient(socket);
    }

    /** Connects with TLS from the first byte. */
    public static LineClient connectTls(int port, SSLContext context, String... protocols) throws IOException {
        LineClient client = connect(port);
        client.startTls(context, protocols);
        return client;
    }

    /** One line without its CRLF, or null when the server closed the connection. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** A whole SMTP reply: continuation lines ({@code 250-...}) up to the final one. */
    public List<String> readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            if (line == null) {
                return lines;
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    /** The last line of the next reply, or null when the server closed the connection. */
    public String reply() throws IOException {
        List<String> lines = readReply();
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    /** Sends the lines, each with CRLF, in one write. */
    public void send(String... lines) throws IOException {
        write(String.join("\r\n", lines) + "\r\n");
    }

    /** Sends exactly these characters. */
    public void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends exactly these bytes (a binary header). */
    public void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Sends one line and returns the last line of its reply. */
    public String command(String line) throws IOException {
        send(line);
        return reply();
    }

    /** Runs a TLS handshake on the connection, with only the given protocols if any are named. */
    public void startTls(SSLContext context, String... protocols) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, remote.getHostString(), remote.getPort(), true);
        if (protocols.length > 0) {
            tls.setEnabledProtocols(protocols);
        }
        tls.startHandshake();
        use(tls);
    }

    public SSLSession tlsSession() {
        return ((SSLSocket) socket).getSession();
    }

    /** Whether the server sends something (or closes) within {@code wait}; nothing is consumed. */
    public boolean inputWithin(Duration wait) throws IOException {
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

    /** Whether the server closes the connection (reads to the end, up to the read timeout). */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                continue;
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            // A reset: the server closed while unread input was still on its side.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void use(Socket next) throws IOException {
        socket = next;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }
}

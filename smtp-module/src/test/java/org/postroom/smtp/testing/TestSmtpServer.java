package org.postroom.smtp.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP server of the tests' own on loopback (ephemeral port): answers each RCPT and the data
 * as the test says (250, 4xx, 5xx), can offer STARTTLS or speak TLS from the first byte (with a
 * self-signed certificate or one the test chose) or offer STARTTLS with a handshake that always
 * fails, can offer AUTH PLAIN, can hold its reply to the final dot, and records every command line
 * it read and every transaction it accepted: envelope, exact bytes (dot-stuffing removed), TLS, login.
 */
public final class TestSmtpServer implements AutoCloseable {

    /**
     * One accepted transaction. {@code data} is exactly what came between DATA and the final dot;
     * {@code mailParameters} what followed the reverse path (e.g. "BODY=8BITMIME").
     */
    public record Transaction(String mailFrom, String mailParameters, List<String> recipients, byte[] data, boolean tls,
            String login) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** A command line as the server read it, and whether it came inside TLS. */
    public record Command(String line, boolean tls) {
    }

    public enum Tls {
        /** No STARTTLS offered. */
        NONE,
        /** STARTTLS offered, handshake with the server's certificate. */
        WORKING,
        /** STARTTLS offered, then no TLS but garbage. */
        BROKEN,
        /** TLS from the first byte (SMTPS, RFC 8314), nothing offered in plain text. */
        IMPLICIT
    }

    private final ServerSocket socket;
    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<String> dataReplies = new ConcurrentLinkedDeque<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger mailCommands = new AtomicInteger();
    private final AtomicInteger dataReceived = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Function<String, String> rcptReply = rcpt -> "250 2.1.5 ok";
    private volatile String defaultDataReply = "250 2.0.0 queued";
    private volatile String greeting = "220 test-mx.example ESMTP test server";
    private volatile Tls tls = Tls.NONE;
    private volatile SSLContext certificate;
    private volatile boolean auth;
    private volatile boolean loginRefused;
    private volatile boolean smtputf8;
    private volatile Duration dataReplyDelay = Duration.ZERO;

    public TestSmtpServer() throws IOException {
        this(InetAddress.getLoopbackAddress(), 0);
    }

    /** Listens on {@code address}:{@code port} (0 for any free port). */
    public TestSmtpServer(InetAddress address, int port) throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(address, port));
        Thread acceptor = new Thread(this::accept, "test-smtp-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, as a route is written. */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** The greeting; anything but a 220 is followed by closing the connection (RFC 5321 §3.1). */
    public TestSmtpServer greeting(String greeting) {
        this.greeting = greeting;
        return this;
    }

    public TestSmtpServer rcptReply(Function<String, String> reply) {
        this.rcptReply = reply;
        return this;
    }

    /** The reply to the final dot of every transaction from now on. */
    public TestSmtpServer dataReply(String reply) {
        this.defaultDataReply = reply;
        return this;
    }

    /** Replies to the final dot of the next transactions, one each, before the default applies again. */
    public TestSmtpServer nextDataReplies(String... replies) {
        Collections.addAll(dataReplies, replies);
        return this;
    }

    public TestSmtpServer tls(Tls tls) {
        this.tls = tls;
        return this;
    }

    /** The certificate presented in TLS, instead of a fresh self-signed one. */
    public TestSmtpServer certificate(SSLContext serverContext) {
        this.certificate = serverContext;
        return this;
    }

    public TestSmtpServer offerAuth() {
        this.auth = true;
        return this;
    }

    /** Offers SMTPUTF8 (RFC 6531). */
    public TestSmtpServer offerSmtputf8() {
        this.smtputf8 = true;
        return this;
    }

    /** Offers AUTH PLAIN but refuses every login with 535 5.7.8. */
    public TestSmtpServer refuseLogins() {
        this.auth = true;
        this.loginRefused = true;
        return this;
    }

    /** Waits this long before answering the final dot (a slow server, or one to kill a client on). */
    public TestSmtpServer holdDataReply(Duration delay) {
        this.dataReplyDelay = delay;
        return this;
    }

    public List<Transaction> transactions() {
        return List.copyOf(transactions);
    }

    /** Every command line read so far (not the message data), in order, from every connection. */
    public List<Command> commands() {
        return List.copyOf(commands);
    }

    public int connections() {
        return connections.get();
    }

    /** MAIL FROM commands seen, accepted or not. */
    public int mailCommands() {
        return mailCommands.get();
    }

    /** Messages received up to the final dot, whatever the reply was (or will be). */
    public int dataReceived() {
        return dataReceived.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                open.add(client);
                Thread session = new Thread(() -> session(client), "test-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void session(Socket client) {
        try (Socket closing = client) {
            new Session(client).run();
        } catch (IOException e) {
            // the client went away: nothing to record
        } finally {
            open.remove(client);
        }
    }

    private final class Session {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private boolean secure;
        private String login;
        private String mailFrom;
        private String mailParameters;
        private final List<String> recipients = new ArrayList<>();

        Session(Socket socket) throws IOException {
            use(socket);
        }

        private void use(Socket s) throws IOException {
            socket = s;
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
        }

        void run() throws IOException {
            if (tls == Tls.IMPLICIT) {
                handshake();
            }
            reply(greeting);
            if (!greeting.startsWith("220")) {
                return;
            }
            String line;
            while ((line = readLine()) != null) {
                commands.add(new Command(line, secure));
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> ehlo();
                    case "HELO" -> reply("250 test-mx.example");
                    case "STARTTLS" -> {
                        if (!startTls()) {
                            return;
                        }
                    }
                    case "AUTH" -> auth(line);
                    case "MAIL" -> {
                        mailCommands.incrementAndGet();
                        mailFrom = between(line, '<', '>');
                        mailParameters = line.substring(line.indexOf('>') + 1).strip();
                        recipients.clear();
                        reply("250 2.1.0 ok");
                    }
                    case "RCPT" -> rcpt(between(line, '<', '>'));
                    case "DATA" -> data();
                    case "RSET" -> {
                        mailFrom = null;
                        recipients.clear();
                        reply("250 2.0.0 ok");
                    }
                    case "NOOP" -> reply("250 2.0.0 ok");
                    case "QUIT" -> {
                        reply("221 2.0.0 bye");
                        return;
                    }
                    default -> reply("500 5.5.1 unknown command");
                }
            }
        }

        private void ehlo() throws IOException {
            List<String> lines = new ArrayList<>(List.of("test-mx.example", "8BITMIME", "ENHANCEDSTATUSCODES"));
            if ((tls == Tls.WORKING || tls == Tls.BROKEN) && !secure) {
                lines.add("STARTTLS");
            }
            if (auth) {
                lines.add("AUTH PLAIN");
            }
            if (smtputf8) {
                lines.add("SMTPUTF8");
            }
            for (int i = 0; i < lines.size(); i++) {
                reply("250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i));
            }
        }

        private boolean startTls() throws IOException {
            reply("220 2.0.0 go ahead");
            if (tls == Tls.BROKEN) {
                out.write("this is not a TLS server hello\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return false;
            }
            handshake();
            return true;
        }

        private void handshake() throws IOException {
            SSLContext context = certificate == null ? SelfSignedCertificate.serverContext() : certificate;
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.startHandshake();
            use(ssl);
            secure = true;
        }

        private void auth(String line) throws IOException {
            String[] parts = line.split(" ");
            String response = parts.length > 2 ? parts[2] : null;
            if (response == null) {
                reply("334 ");
                response = readLine();
            }
            String[] fields = new String(Base64.getDecoder().decode(response.strip()), StandardCharsets.UTF_8)
                    .split("\0");
            if (loginRefused) {
                reply("535 5.7.8 authentication credentials invalid");
                return;
            }
            login = fields[1] + ":" + fields[2];
            reply("235 2.7.0 authenticated");
        }

        private void rcpt(String recipient) throws IOException {
            String reply = rcptReply.apply(recipient);
            if (reply.startsWith("2")) {
                recipients.add(recipient);
            }
            reply(reply);
        }

        private void data() throws IOException {
            if (recipients.isEmpty()) {
                reply("503 5.5.1 no valid recipients");
                return;
            }
            reply("354 end with <CRLF>.<CRLF>");
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            while (true) {
                byte[] line = readRawLine();
                if (line == null) {
                    return;
                }
                if (line.length == 3 && line[0] == '.' && line[1] == '\r') {
                    break;
                }
                int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
                data.write(line, skip, line.length - skip);
            }
            dataReceived.incrementAndGet();
            // the reply is chosen on arrival, so a held transaction keeps its turn in nextDataReplies
            String reply = dataReplies.isEmpty() ? defaultDataReply : dataReplies.poll();
            sleep(dataReplyDelay);
            if (reply.startsWith("2")) {
                transactions.add(new Transaction(mailFrom, mailParameters, List.copyOf(recipients), data.toByteArray(), secure, login));
            }
            reply(reply);
        }

        private String readLine() throws IOException {
            byte[] raw = readRawLine();
            if (raw == null) {
                return null;
            }
            return new String(raw, StandardCharsets.UTF_8).replaceAll("\r?\n$", "");
        }

        /** One line with its line ending, exactly as sent; null at the end of the stream. */
        private byte[] readRawLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
            }
            return line.size() == 0 ? null : line.toByteArray();
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static String between(String line, char open, char close) {
        int start = line.indexOf(open);
        int end = line.indexOf(close, start + 1);
        return start >= 0 && end > start ? line.substring(start + 1, end) : "";
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

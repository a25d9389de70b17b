package org.postroom.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocketFactory;

import org.postroom.listener.testing.RawClient;

/**
 * A client that sends whatever lines it is given, one at a time, and holds every reply to what
 * POP3 promises, for {@link Pop3CommandsFuzzTest}. Each line gets exactly one status line within
 * the deadline: +OK, -ERR or AUTH's "+" continuation, printable US-ASCII, never -ERR [SYS/TEMP]
 * (the database is up and logins are never throttled here). A +OK to CAPA, a bare AUTH, LIST or
 * UIDL without an argument, RETR and TOP is followed by lines up to "."; RETR's, dots unstuffed,
 * must be the message as stored behind its Return-Path line. After the +OK to QUIT, or a reply
 * the server ends the session with, the connection closes. STLS's +OK is followed into TLS.
 *
 * <p>The dialogue remembers what must happen to the maildrop: the messages whose DELE was answered
 * +OK and not undone by RSET are removed if and only if QUIT was answered +OK ({@link #removed}).
 */
final class Pop3Dialogue implements AutoCloseable {

    static final Duration REPLY_DEADLINE = Duration.ofSeconds(20);

    private static final Pattern STATUS = Pattern.compile("(\\+OK|-ERR|\\+)( [\\x20-\\x7E]*)?");
    private static final Set<String> LISTINGS = Set.of("LIST", "UIDL", "AUTH");
    private static final Set<String> CONTENTS = Set.of("CAPA", "RETR", "TOP");

    private final RawClient client;
    private final List<byte[]> retrieved;
    private final SSLSocketFactory tls;
    private final Set<Integer> marked = new HashSet<>();
    private boolean challenged;
    private boolean quitAnswered;
    private boolean closed;

    /**
     * @param retrieved each message of the maildrop in order, as RETR must send it (Return-Path
     *        line first, dots not yet stuffed)
     */
    private Pop3Dialogue(RawClient client, List<byte[]> retrieved, SSLSocketFactory tls) {
        this.client = client;
        this.retrieved = retrieved;
        this.tls = tls;
    }

    /** Connects to {@code port} and reads the greeting, a +OK. */
    static Pop3Dialogue connect(int port, List<byte[]> retrieved, SSLSocketFactory tls) throws IOException {
        Pop3Dialogue dialogue = new Pop3Dialogue(RawClient.connect(port, REPLY_DEADLINE), retrieved, tls);
        String greeting = dialogue.status();
        dialogue.require(greeting != null && greeting.startsWith("+OK"), "a +OK greeting", greeting);
        return dialogue;
    }

    /** Sends a command and returns its status line (its listing read too), or null when the server closed. */
    String send(String line) {
        return send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one line as it is (ending with LF) and returns its status line, or null when the server closed. */
    String send(byte[] line) {
        if (closed) {
            return null;
        }
        boolean answer = challenged;
        String text = new String(line, StandardCharsets.UTF_8).trim();
        int space = text.indexOf(' ');
        // as James's dispatcher reads a command: trimmed, the word up to the first space
        String command = answer ? "" : (space > 0 ? text.substring(0, space) : text).toUpperCase(Locale.ROOT);
        String argument = space > 0 ? text.substring(space + 1) : null;
        if (!client.write(line)) {
            closed = true;
            return null;
        }
        String status = status();
        if (status == null) {
            return null;
        }
        boolean ok = status.startsWith("+OK");
        challenged = status.equals("+") || status.startsWith("+ ");
        if (ok && (CONTENTS.contains(command) || argument == null && LISTINGS.contains(command))) {
            byte[] body = listing();
            if (command.equals("RETR")) {
                int number = Integer.parseInt(argument.strip());
                require(Arrays.equals(body, retrieved.get(number - 1)), "message " + number + " as stored",
                        new String(body, StandardCharsets.ISO_8859_1));
            }
        }
        if (ok && command.equals("DELE")) {
            marked.add(Integer.parseInt(argument.strip()));
        }
        if (ok && command.equals("RSET")) {
            marked.clear();
        }
        if (command.equals("QUIT")) {
            quitAnswered = ok;
            awaitClose(status);
        } else if (ok && command.equals("STLS")) {
            startTls();
        }
        return status;
    }

    /** Ends an open AUTH exchange, says QUIT, and requires the close. */
    void finish() {
        if (challenged) {
            send("*");
        }
        send("QUIT");
    }

    /** The message numbers QUIT removed: those marked, if QUIT was answered +OK; else none. */
    Set<Integer> removed() {
        return quitAnswered ? Set.copyOf(marked) : Set.of();
    }

    String transcript() {
        return client.transcript();
    }

    @Override
    public void close() {
        client.close();
    }

    private String status() {
        String status = client.readLine();
        if (status == null) {
            closed = true;
            return null;
        }
        require(STATUS.matcher(status).matches(), "a POP3 status line of printable US-ASCII", status);
        require(!status.startsWith("-ERR [SYS/TEMP]"), "no -ERR [SYS/TEMP] with the database up", status);
        return status;
    }

    /** The lines after a +OK up to ".", dots unstuffed, each with its CRLF, as the client takes them. */
    private byte[] listing() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String line = client.readLine(); !".".equals(line); line = client.readLine()) {
            require(line != null, "the listing ended by \".\" before the close", null);
            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
            body.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return body.toByteArray();
    }

    private void startTls() {
        try {
            client.startTls(tls);
        } catch (IOException e) {
            throw new AssertionError("the TLS handshake after +OK to STLS failed: " + e + "\n" + transcript(), e);
        }
    }

    private void awaitClose(String status) {
        if (status == null) {
            return;
        }
        String after = client.readLine();
        require(after == null, "the connection closed after the reply to QUIT", after);
        closed = true;
    }

    private void require(boolean condition, String what, String got) {
        if (!condition) {
            throw new AssertionError("expected " + what + ", got " + got + "\n" + transcript());
        }
    }
}

package org.postroom.smtp.inbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocketFactory;

import org.postroom.listener.testing.RawClient;

/**
 * A client that sends whatever lines it is given, one at a time, and holds every reply to what
 * SMTP promises, for the fuzz targets. Each command line gets exactly one reply (read whole, its
 * continuation lines too) within the deadline; inside DATA the lines get none until the line "."
 * that follows a CRLF, which gets one. Every reply line is a reply code and printable US-ASCII;
 * every reply carries an enhanced status code of its class (RFC 2034) except those RFC 2034 and
 * RFC 4954 exempt (the greeting, the answers to EHLO and HELO, 354, 334); none is 451, which with
 * the database up would be an internal error in disguise; after 221 or 421 the server closes.
 * A 220 to STARTTLS is followed into TLS. The messages answered 250 at the end of their data are
 * counted ({@link #messagesAccepted}).
 */
final class SmtpDialogue implements AutoCloseable {

    static final Duration REPLY_DEADLINE = Duration.ofSeconds(20);

    private static final Pattern REPLY_LINE = Pattern.compile("[2-5][0-9][0-9]([ -][\\x20-\\x7E]*)?");
    private static final Pattern ENHANCED = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}( .*)?");
    private static final Set<String> EXEMPT_COMMANDS = Set.of("EHLO", "HELO");
    private static final byte[] END_OF_DATA = ascii(".\r\n");
    private static final SSLSocketFactory TLS = TrustingTls.socketFactory();

    private final RawClient client;
    private boolean inData;
    private boolean atLineStart;
    private boolean inAuthExchange;
    private boolean closed;
    private int messagesAccepted;

    private SmtpDialogue(RawClient client) {
        this.client = client;
    }

    /** Connects to {@code port} and reads the greeting, a 220. */
    static SmtpDialogue connect(int port) throws IOException {
        SmtpDialogue dialogue = new SmtpDialogue(RawClient.connect(port, REPLY_DEADLINE));
        List<String> greeting = dialogue.reply();
        dialogue.require(greeting != null && greeting.get(0).startsWith("220 "), "a 220 greeting", greeting);
        return dialogue;
    }

    /** Sends a command and requires a reply starting with {@code expected}. */
    void command(String line, String expected) {
        List<String> reply = send(ascii(line + "\r\n"));
        require(reply != null && reply.get(reply.size() - 1).startsWith(expected), "a reply " + expected + " to " + line,
                reply);
    }

    /**
     * Sends one line as it is (the last byte should be LF, or the server waits for the rest) and
     * reads what it gets: the reply, null inside DATA before its end, or null when the server closed.
     */
    List<String> send(byte[] line) {
        if (closed) {
            return null;
        }
        if (inData) {
            if (!client.write(line)) {
                closed = true;
                return null;
            }
            boolean endOfData = atLineStart && Arrays.equals(line, END_OF_DATA);
            atLineStart = endsWithCrlf(line);
            return endOfData ? endOfData() : null;
        }
        boolean answersChallenge = inAuthExchange;
        String word = answersChallenge ? "" : commandWord(line);
        if (!client.write(line)) {
            closed = true;
            return null;
        }
        List<String> reply = reply();
        if (reply == null) {
            return null;
        }
        String code = reply.get(0).substring(0, 3);
        inAuthExchange = code.equals("334");
        requireEnhancedCode(reply, EXEMPT_COMMANDS.contains(word) && code.startsWith("2")
                || code.equals("354") || code.equals("334"));
        switch (code) {
            case "354" -> {
                inData = true;
                atLineStart = true;
            }
            case "220" -> {
                if (word.equals("STARTTLS")) {
                    startTls();
                }
            }
            case "221", "421" -> awaitClose(reply);
            default -> {
            }
        }
        return reply;
    }

    /**
     * Ends what is open (a message's data, an AUTH exchange), says QUIT, and requires the 221 and
     * the close; nothing may come after it.
     */
    void finish() {
        if (inData) {
            send(ascii("\r\n"));
            send(END_OF_DATA);
        }
        if (inAuthExchange) {
            send(ascii("*\r\n"));
        }
        if (!closed) {
            List<String> bye = send(ascii("QUIT\r\n"));
            require(bye == null || bye.get(0).startsWith("221 ") || bye.get(0).startsWith("421 "),
                    "221 to QUIT, the connection closed, or 421", bye);
        }
    }

    /** How many messages the server answered 250 at the end of their data. */
    int messagesAccepted() {
        return messagesAccepted;
    }

    /** The last lines each way, for a failure message. */
    String transcript() {
        return client.transcript();
    }

    @Override
    public void close() {
        client.close();
    }

    private List<String> endOfData() {
        inData = false;
        List<String> verdict = reply();
        if (verdict == null) {
            return null;
        }
        String code = verdict.get(0).substring(0, 3);
        require(!code.equals("354"), "one reply at the end of the data, not another 354", verdict);
        requireEnhancedCode(verdict, false);
        if (code.startsWith("2")) {
            messagesAccepted++;
        }
        if (code.equals("421")) {
            awaitClose(verdict);
        }
        return verdict;
    }

    private void startTls() {
        try {
            client.startTls(TLS);
        } catch (IOException e) {
            throw new AssertionError("the TLS handshake after 220 to STARTTLS failed: " + e + "\n" + transcript(), e);
        }
    }

    private void awaitClose(List<String> reply) {
        String after = client.readLine();
        require(after == null, "the connection closed after " + reply.get(0), List.of(String.valueOf(after)));
        closed = true;
    }

    /** One whole reply: its lines, or null when the server closed the connection before it. */
    private List<String> reply() {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = client.readLine();
            if (line == null) {
                require(lines.isEmpty(), "a whole reply before the close", lines);
                closed = true;
                return null;
            }
            require(REPLY_LINE.matcher(line).matches(), "a reply line of printable US-ASCII", List.of(line));
            require(lines.isEmpty() || line.startsWith(lines.get(0).substring(0, 3)), "one code for all lines of a reply",
                    List.of(line));
            require(!line.startsWith("451"), "no 451 while the database is up", List.of(line));
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    private void requireEnhancedCode(List<String> reply, boolean exempt) {
        if (exempt) {
            return;
        }
        for (String line : reply) {
            String rest = line.length() > 4 ? line.substring(4) : "";
            require(ENHANCED.matcher(rest).matches() && rest.charAt(0) == line.charAt(0),
                    "an enhanced status code of the reply's class (RFC 2034)", reply);
        }
    }

    private void require(boolean condition, String what, List<String> got) {
        if (!condition) {
            throw new AssertionError("expected " + what + ", got " + got + "\n" + transcript());
        }
    }

    /** The command word as the server takes it: up to the first space, in capitals. */
    private static String commandWord(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII).trim();
        int space = text.indexOf(' ');
        return (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private static boolean endsWithCrlf(byte[] line) {
        return line.length >= 2 && line[line.length - 2] == '\r' && line[line.length - 1] == '\n';
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}

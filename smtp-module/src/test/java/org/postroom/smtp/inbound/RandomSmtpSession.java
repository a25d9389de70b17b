package org.postroom.smtp.inbound;

import static org.postroom.listener.testing.RandomInput.concat;
import static org.postroom.listener.testing.RandomInput.crlf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.postroom.listener.testing.RandomInput;
import org.postroom.listener.testing.RandomSession;
import org.postroom.listener.testing.RawClient;

/**
 * A random SMTP client ({@link RandomSession}): EHLO names, senders and recipients valid and not,
 * parameters, mail transactions whose messages carry 8-bit and control bytes, over-long lines and
 * the bare line endings SMTP smuggling uses, AUTH exchanges, STARTTLS. It reads a reply to its last
 * line and follows 354 into a message, 334 into the next AUTH line, 220 after STARTTLS into TLS.
 * No reply may be 451, which with the database up would be an internal error in disguise.
 */
final class RandomSmtpSession extends RandomSession {

    /** Ends the message whatever line came before: CRLF, then the dot line. */
    private static final String END_OF_DATA = "\r\n.\r\n";

    private boolean tls;

    RandomSmtpSession(RandomInput input, RawClient client) {
        super(input, client, TrustingTls.socketFactory(), StandardCharsets.US_ASCII, "STARTTLS",
                Set.of("DATA", "AUTH", "STARTTLS", "QUIT"));
    }

    @Override
    protected void follow(String reply, byte[] line) throws IOException {
        switch (reply.substring(0, 3)) {
            case "354" -> message();
            case "334" -> answerChallenge(base64(input.chance(50) ? "alice@example.com" : TestMailSystem.PASSWORD));
            case "220" -> {
                if (commandWord(line).equals("STARTTLS")) {
                    startTls();
                    tls = true;
                }
            }
            case "221", "421" -> client.awaitClose();
            default -> {
            }
        }
    }

    @Override
    protected boolean upgradeOffered() {
        return !tls;
    }

    @Override
    protected void protocolStep() throws IOException {
        if (input.chance(50)) {
            transaction();
        } else {
            auth();
        }
    }

    /**
     * EHLO, MAIL, RCPT, DATA: a message that may be accepted, on the MX from a stranger, on
     * submission (once logged in) from Alice, whose From: field the message may or may not keep to.
     */
    private void transaction() throws IOException {
        command(crlf("EHLO client.example"));
        command(crlf("MAIL FROM:<" + input.pick("sender@elsewhere.test", "alice@example.com") + ">"));
        command(crlf("RCPT TO:<" + input.pick("alice@example.com", "bob@example.com", "far@elsewhere.test") + ">"));
        command(crlf("DATA"));
    }

    private void auth() throws IOException {
        String password = input.chance(30) ? TestMailSystem.PASSWORD : input.word();
        command(crlf(switch (input.below(7)) {
            case 0 -> "AUTH PLAIN " + base64("\0alice@example.com\0" + password);
            case 1 -> "AUTH PLAIN";
            case 2 -> "AUTH LOGIN";
            case 3 -> "AUTH LOGIN " + base64("alice@example.com");
            case 4 -> "AUTH " + input.pick("CRAM-MD5", "XOAUTH2 abc", "PLAIN =", "PLAIN !!!!", "LOGIN *", "");
            case 5 -> "AUTH PLAIN " + base64(input.garbage());
            default -> "AUTH " + input.garbage();
        }));
    }

    /** The lines of a message, some broken, then its end; one reply. */
    private void message() throws IOException {
        byte[] body = new byte[0];
        for (int lines = input.below(10); lines > 0; lines--) {
            body = concat(body, switch (input.below(10)) {
                case 0 -> input.line(stuffed(input.eightBit()));
                case 1 -> input.line(stuffed(input.control()));
                case 2 -> input.line(stuffed(input.around(TestListener.MAX_LINE)));
                // what SMTP smuggling hides a second message behind, never the end of this one: the
                // letter in front keeps two of them from making <CR><LF>.<CR><LF> together
                case 3 -> ascii("x" + input.pick("\n.\n", "\n.\r\n", ".\n", "\r\n.\r\r\n", ".\r", "\r.\r\n"));
                case 4 -> crlf(input.pick("STARTTLS", "QUIT", "RSET", "MAIL FROM:<x@y.example>", "..leading dot"));
                case 5 -> crlf(input.pick("From: alice@example.com", "From: Alice <alice@example.com>",
                        "From: bob@example.com", "From: =?utf-8?q?=C3=A9?= <alice@example.com>", "From: <>",
                        "From: alice@example.com, bob@example.com", "Date: yesterday", "Message-ID: <x@y>"));
                case 6 -> input.line(concat(ascii(input.pick("From: ", "Subject: ", "To: ")), input.eightBit()));
                default -> input.line(stuffed(ascii(input.pick("Subject: ", "From: ", "X-Test: ", "") + input.garbage())));
            });
        }
        if (input.chance(10)) {
            client.write(body);
            client.abort();
            return;
        }
        if (client.write(concat(body, ascii(END_OF_DATA)))) {
            String reply = reply();
            if (reply != null) {
                follow(reply, new byte[0]);
            }
        }
    }

    /** A line of the message as sent: a leading dot doubled (RFC 5321 §4.5.2). */
    private static byte[] stuffed(byte[] content) {
        return content.length > 0 && content[0] == '.' ? concat(ascii("."), content) : content;
    }

    @Override
    protected byte[] oneLine() {
        return switch (input.below(14)) {
            case 0 -> input.line(concat(ascii("EHLO "), name()));
            case 1 -> input.line(concat(ascii("HELO "), name()));
            case 2, 3 -> input.line(concat(ascii("MAIL FROM:"), path(), ascii(input.pick("", "", " SIZE=100",
                    " SIZE=abc", " SIZE=99999999999999999999", " BODY=8BITMIME", " BODY=BINARYMIME", " SMTPUTF8",
                    " AUTH=<>", " RET=HDRS", " FOO", " =", " SIZE=", " SIZE=-1"))));
            case 4, 5 -> input.line(concat(ascii("RCPT TO:"), path(), ascii(input.pick("", "", " NOTIFY=NEVER",
                    " ORCPT=rfc822;x@y.example", " FOO=BAR", " =", " NOTIFY="))));
            case 6 -> crlf(input.pick("DATA", "DATA x", "RSET", "RSET x", "NOOP", "NOOP x"));
            case 7 -> crlf(input.pick("VRFY alice", "EXPN team", "HELP", "HELP DATA", "ETRN x", "BDAT 10 LAST",
                    "TURN", "VRFY", "STARTTLS x"));
            case 8 -> crlf(input.pick("QUIT", "QUIT now", "STARTTLS", "AUTH PLAIN", "AUTH"));
            case 9 -> input.line(concat(ascii("NOOP "), input.junk(40)));
            default -> input.line(input.junk(longLine()));
        };
    }

    /**
     * An EHLO or HELO name. Not with control characters: James's EHLO and HELO replies repeat the
     * name as it came, which the EHLO reply of issue 21 is to change.
     */
    private byte[] name() {
        return input.chance(30) ? concat(ascii(input.garbage()), input.eightBit())
                : ascii(input.pick("client.example", "", "[127.0.0.1]", "[IPv6:::1]", "[300.1.1.1]", "a..b",
                        "-x-.example", "x".repeat(300), "client.example extra words"));
    }

    private byte[] path() {
        if (input.chance(15)) {
            return concat(ascii("<"), input.eightBit(), ascii("@example.com>"));
        }
        return ascii(input.pick("<alice@example.com>", "<bob@example.com>", "<nobody@example.com>", "<>",
                "<someone@elsewhere.test>", "<@a.example,@b.example:alice@example.com>", "<a@b@c>",
                "<\"quoted local\"@example.com>", "<\"unterminated@example.com>", "<alice@example.com",
                "alice@example.com", "<alice@[300.0.0.1]>", "<alice@[IPv6:::1]>", "<alice@-dash-.example>",
                "<.alice@example.com>", "<alice..x@example.com>", "<alice@example..com>", "< alice@example.com>",
                "<alice@>", "<@example.com>", "<postmaster>", "<a b@example.com>", "<\"\"@example.com>",
                "<alice@example.com> <bob@example.com>", "<" + "x".repeat(300) + "@example.com>", ":<x@y>",
                "<alice(comment)@example.com>", "<alice@example.com>>", "<<alice@example.com>",
                "   <alice@example.com>", "<\"a   b\"@example.com>"));
    }

    /** Around the command line limit, or around the listener's frame limit. */
    @Override
    protected int longLine() {
        return input.chance(50) ? CommandLine.MAX_LENGTH : TestListener.MAX_LINE;
    }

    /** One whole reply (its continuation lines read too): its first line, or null when the server closed. */
    @Override
    protected String reply() {
        String first = null;
        String line;
        do {
            line = client.readLine();
            if (line == null) {
                return first;
            }
            if (!line.matches("[2-5][0-9][0-9]([ -][\\x20-\\x7E]*)?")) {
                throw new AssertionError("not an SMTP reply line of printable US-ASCII: " + line);
            }
            if (line.startsWith("451")) {
                throw new AssertionError("451 with the database up: " + line);
            }
            first = first == null ? line : first;
        } while (line.length() > 3 && line.charAt(3) == '-');
        return first;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

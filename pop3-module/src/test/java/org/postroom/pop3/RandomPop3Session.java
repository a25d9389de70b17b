package org.postroom.pop3;

import static org.postroom.listener.testing.RandomInput.concat;
import static org.postroom.listener.testing.RandomInput.crlf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import javax.net.ssl.SSLSocketFactory;

import org.postroom.listener.testing.RandomInput;
import org.postroom.listener.testing.RandomSession;
import org.postroom.listener.testing.RawClient;

/**
 * A random POP3 client ({@link RandomSession}): every command in any state with good and bad
 * arguments, logins right and wrong, AUTH PLAIN exchanges, STLS. It reads POP3 as a client must:
 * one status line per command line, and the lines up to "." after a +OK to CAPA, a bare AUTH,
 * LIST or UIDL without an argument, RETR and TOP. No -ERR [SYS/TEMP] may come but the login
 * throttle's, since the database is up.
 */
final class RandomPop3Session extends RandomSession {

    private static final Set<String> LISTINGS = Set.of("LIST", "UIDL");
    private static final String THROTTLED = "-ERR [SYS/TEMP] Too many failed logins";

    private boolean tls;
    private boolean loggedIn;
    /** The last reply was AUTH's "+": the next line answers it. */
    private boolean challenged;

    RandomPop3Session(RandomInput input, RawClient client, SSLSocketFactory tls) {
        super(input, client, tls, StandardCharsets.UTF_8, "STLS", Set.of("AUTH", "STLS", "QUIT"));
    }

    @Override
    protected void follow(String status, byte[] line) throws IOException {
        String command = commandWord(line);
        boolean argument = RandomInput.hasArgument(line, StandardCharsets.UTF_8);
        boolean answer = challenged;
        challenged = false;
        boolean ok = status.startsWith("+OK");
        if (ok && (answer || command.equals("PASS") || command.equals("AUTH") && argument)) {
            loggedIn = true;
        }
        if (status.equals("+") || status.startsWith("+ ")) {
            challenged = true;
            answerChallenge(base64("\0" + Pop3Fixture.ALICE + "\0" + (input.chance(50) ? Pop3Fixture.PASSWORD : input.word())));
        } else if (ok && (command.equals("CAPA") || command.equals("RETR") || command.equals("TOP")
                || !argument && (command.equals("AUTH") || LISTINGS.contains(command)))) {
            listing();
        } else if (ok && command.equals("STLS")) {
            startTls();
            tls = true;
        } else if (command.equals("QUIT")) {
            client.awaitClose();
        }
    }

    @Override
    protected boolean upgradeOffered() {
        return !tls && !loggedIn;
    }

    /**
     * A login with USER and PASS or with AUTH PLAIN, mostly right, so that the TRANSACTION commands
     * get their share of the session.
     */
    @Override
    protected void protocolStep() throws IOException {
        String user = input.chance(80) ? input.pick(Pop3Fixture.ALICE, Pop3Fixture.BOB, "ALICE@Example.COM")
                : input.pick("nobody@example.com", "", "a b");
        String password = input.chance(80) ? Pop3Fixture.PASSWORD : input.garbage();
        switch (input.below(3)) {
            case 0 -> {
                command(crlf("USER " + user));
                command(crlf("PASS " + password));
            }
            case 1 -> command(crlf("AUTH PLAIN " + base64(input.pick("", user) + "\0" + user + "\0" + password)));
            default -> command(crlf(input.pick("AUTH PLAIN", "AUTH plain", "AUTH")));
        }
    }

    /** The lines of a multi-line reply, up to ".". */
    private void listing() {
        for (String line = client.readLine(); line != null && !line.equals("."); line = client.readLine()) {
            // the content does not matter here
        }
    }

    @Override
    protected byte[] oneLine() {
        String number = input.chance(50) ? String.valueOf(1 + input.below(5))
                : input.pick("0", "-1", "99999", "1 2", "x", "", " ", "4294967296", "00000000001");
        return switch (input.below(13)) {
            case 0, 1 -> crlf(input.pick("STAT", "LIST", "UIDL", "CAPA", "NOOP", "RSET", "STAT x", "NOOP x"));
            case 2, 3, 4 -> crlf(input.pick("LIST ", "UIDL ", "RETR ", "RETR ", "DELE ") + number);
            case 5 -> crlf("TOP " + number + " " + input.pick("0", "5", "-1", "x", "", "99999999999"));
            case 6 -> crlf("USER " + input.pick(Pop3Fixture.ALICE, "", "a b", "nobody@example.com"));
            case 7 -> crlf("PASS " + input.pick(Pop3Fixture.PASSWORD, "", "wrong", " spaced  out "));
            case 8 -> crlf(input.pick("APOP alice 0123456789abcdef", "AUTH PLAIN =", "AUTH CRAM-MD5", "AUTH PLAIN a b",
                    "STLS x", "QUIT", "XTND XMIT", "LAST"));
            case 9 -> input.line(concat("USER ".getBytes(StandardCharsets.US_ASCII), input.eightBit()));
            case 10 -> input.line(concat("PASS ".getBytes(StandardCharsets.US_ASCII), input.eightBit()));
            default -> input.line(input.junk(longLine()));
        };
    }

    @Override
    protected int longLine() {
        return Pop3Listeners.MAX_LINE_LENGTH;
    }

    /** A status line: +OK, -ERR or a continuation, of printable US-ASCII, and no internal error. */
    @Override
    protected String reply() {
        String status = client.readLine();
        if (status == null) {
            return null;
        }
        if (!status.matches("(\\+OK|-ERR|\\+)( [\\x20-\\x7E]*)?")) {
            throw new AssertionError("not a POP3 status line of printable US-ASCII: " + status);
        }
        if (status.startsWith("-ERR [SYS/TEMP]") && !status.startsWith(THROTTLED)) {
            throw new AssertionError("-ERR [SYS/TEMP] with the database up: " + status);
        }
        return status;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

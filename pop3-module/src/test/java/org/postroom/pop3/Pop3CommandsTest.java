package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.postroom.pop3.Pop3Fixture.ALICE;
import static org.postroom.pop3.Pop3Fixture.PASSWORD;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.postroom.pop3.Pop3Fixture.Settings;
import org.postroom.storage.directory.UserRepository;

/** Protocol transcripts over a raw socket: every command in every state, good and bad arguments. */
class Pop3CommandsTest {

    @AutoClose
    private final Pop3Fixture fixture = new Pop3Fixture();

    @Test
    void transactionCommandsAreRefusedBeforeLogin() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            for (String command : new String[] { "STAT", "LIST", "LIST 1", "UIDL", "RETR 1", "TOP 1 0", "DELE 1", "RSET", "NOOP" }) {
                assertThat(s.send(command, "-ERR")).contains("only valid after login");
            }
            // still in AUTHORIZATION: a login works
            login(s);
        }
    }

    @Test
    void loginCommandsAreRefusedAfterLogin() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("USER " + ALICE, "-ERR Already logged in");
            s.send("PASS " + PASSWORD, "-ERR Already logged in");
            s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD), "-ERR Already logged in");
            s.send("STLS", "-ERR Already logged in");
            s.send("NOOP", "+OK");
        }
    }

    @Test
    void passMustFollowUser() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("PASS " + PASSWORD, "-ERR Send USER first");
            s.send("USER", "-ERR Usage: USER address");
            s.send("USER " + ALICE, "+OK");
            s.send("PASS", "-ERR Usage: PASS password");
            s.send("PASS " + PASSWORD, "+OK");
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheAuthCodeAndLoginStartsOver() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("USER " + ALICE, "+OK");
            s.send("PASS wrong password", "-ERR [AUTH]");
            s.send("PASS " + PASSWORD, "-ERR Send USER first");
            s.send("USER nobody@example.com", "+OK");
            s.send("PASS " + PASSWORD, "-ERR [AUTH]");
            s.send("USER ALICE@Example.COM", "+OK");
            s.send("PASS " + PASSWORD, "+OK Logged in");
        }
    }

    /** A NUL in the login names no one: a wrong login, not an internal error (found by Pop3CommandsFuzzTest). */
    @Test
    void aLoginWithANulIsAWrongLogin() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("USER alice@exampl\u0000e.com", "+OK");
            s.send("PASS " + PASSWORD, "-ERR [AUTH]");
        }
    }

    @Test
    void aPasswordIsReadAsUtf8() throws Exception {
        new UserRepository(fixture.database.database()).create("carol@example.com", "pässwörd ünïcødé", null);
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("USER carol@example.com", "+OK");
            s.send("PASS pässwörd ünïcødé", "+OK");
        }
    }

    @Test
    void unknownCommandsAreRefused() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("HELO", "-ERR Unknown command");
            // APOP needs clear-text passwords on the server: not offered
            s.send("APOP alice@example.com c4c9334bac560ecc979e58001b3e22fb", "-ERR Unknown command");
            s.send("", "-ERR Unknown command");
            login(s);
            s.send("XTND XMIT", "-ERR Unknown command");
            s.send("NOOP", "+OK");
        }
    }

    @Test
    void malformedMessageArgumentsGetTheUsage() throws Exception {
        fixture.deliver(ALICE, "Subject: one\r\n\r\nbody\r\n");
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("RETR", "-ERR Usage: RETR msg");
            s.send("RETR one", "-ERR Usage: RETR msg");
            s.send("RETR 1 2", "-ERR Usage: RETR msg");
            s.send("RETR -1", "-ERR Usage: RETR msg");
            s.send("RETR +1", "-ERR Usage: RETR msg");
            s.send("RETR 99999999999999999999", "-ERR Usage: RETR msg");
            s.send("TOP 1", "-ERR Usage: TOP msg n");
            s.send("TOP 1 -1", "-ERR Usage: TOP msg n");
            s.send("TOP 1 x", "-ERR Usage: TOP msg n");
            s.send("DELE", "-ERR Usage: DELE msg");
            s.send("DELE 1x", "-ERR Usage: DELE msg");
            s.send("LIST 1 2", "-ERR Usage: LIST [msg]");
            s.send("UIDL a", "-ERR Usage: UIDL [msg]");
            s.send("STAT", "+OK 1 ");
        }
    }

    @Test
    void unknownAndDeletedMessageNumbersAreRefused() throws Exception {
        fixture.deliver(ALICE, "Subject: one\r\n\r\nbody\r\n");
        fixture.deliver(ALICE, "Subject: two\r\n\r\nbody\r\n");
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("RETR 0", "-ERR No such message: 0");
            s.send("RETR 3", "-ERR No such message: 3");
            s.send("LIST 3", "-ERR No such message: 3");
            s.send("UIDL 0", "-ERR No such message: 0");
            s.send("DELE 1", "+OK Message 1 marked as deleted");
            s.send("DELE 1", "-ERR Message 1 is marked as deleted");
            s.send("RETR 1", "-ERR Message 1 is marked as deleted");
            s.send("TOP 1 0", "-ERR Message 1 is marked as deleted");
            s.send("LIST 1", "-ERR Message 1 is marked as deleted");
            s.send("UIDL 1", "-ERR Message 1 is marked as deleted");
            // message numbers do not shift after DELE (RFC 1939 §5)
            s.send("LIST 2", "+OK 2 ");
            s.send("STAT", "+OK 1 ");
        }
    }

    @Test
    void statListAndUidlDescribeTheMaildrop() throws Exception {
        fixture.deliver(ALICE, "Subject: one\r\n\r\n1\r\n");
        fixture.deliver(ALICE, "Subject: two\r\n\r\n22\r\n");
        // 19 and 20 octets as stored, each after its 35-octet "Return-Path: <sender@example.org>" line
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("USER " + ALICE, "+OK");
            s.send("PASS " + PASSWORD, "+OK Logged in, 2 messages (109 octets)");
            s.send("STAT", "+OK 2 109");
            assertThat(s.sendMultiLine("LIST")).containsExactly("1 54", "2 55");
            s.send("LIST 2", "+OK 2 55");
            assertThat(s.sendMultiLine("UIDL")).hasSize(2).allSatisfy(line -> assertThat(line).matches("[12] [0-9]+\\.[12]"));
            s.send("DELE 1", "+OK");
            s.send("STAT", "+OK 1 55");
            assertThat(s.sendMultiLine("LIST")).containsExactly("2 55");
            assertThat(s.sendMultiLine("UIDL")).hasSize(1).allSatisfy(line -> assertThat(line).startsWith("2 "));
            s.send("RSET", "+OK Maildrop has 2 messages (109 octets)");
            s.send("STAT", "+OK 2 109");
        }
    }

    @Test
    void aMessageComesWithTheReturnPathOfFinalDelivery() throws Exception {
        fixture.deliver(ALICE, "Subject: one\r\n\r\n1\r\n");
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            assertThat(s.sendMultiLine("RETR 1")).containsExactly("Return-Path: <sender@example.org>", "Subject: one", "", "1");
            assertThat(s.sendMultiLine("TOP 1 0")).containsExactly("Return-Path: <sender@example.org>", "Subject: one", "");
        }
    }

    @Test
    void anEmptyMaildropListsNothing() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("STAT", "+OK 0 0");
            assertThat(s.sendMultiLine("LIST")).isEmpty();
            assertThat(s.sendMultiLine("UIDL")).isEmpty();
            s.send("RETR 1", "-ERR No such message: 1");
        }
    }

    @Test
    void aTooLongLineIsRefusedAndTheSessionGoesOn() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("USER " + "a".repeat(Pop3Listeners.MAX_LINE_LENGTH * 2) + "@example.com", "-ERR Command line too long");
            login(s);
            s.send("STAT", "+OK");
        }
    }

    @Test
    void capaListsWhatTheSessionCanDo() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            assertThat(s.sendMultiLine("CAPA")).containsExactly("USER", "SASL PLAIN", "TOP", "UIDL", "RESP-CODES",
                    "AUTH-RESP-CODE", "PIPELINING", "STLS", "IMPLEMENTATION Postroom");
            login(s);
            // STLS only before login (RFC 2595 §4)
            assertThat(s.sendMultiLine("CAPA")).contains("TOP", "UIDL", "PIPELINING").doesNotContain("STLS");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        fixture.deliver(ALICE, "Subject: one\r\n\r\n1\r\n");
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.write("CAPA\r\nUSER " + ALICE + "\r\nPASS " + PASSWORD + "\r\nSTAT\r\nLIST 1\r\nNOOP\r\nQUIT\r\n");
            s.expect("+OK Capability");
            for (String line = s.expect(""); !line.equals("."); line = s.expect("")) {
                assertThat(line).doesNotStartWith("+OK");
            }
            s.expect("+OK Send PASS");
            s.expect("+OK Logged in");
            s.expect("+OK 1 ");
            s.expect("+OK 1 ");
            s.expect("+OK");
            s.expect("+OK Bye");
            assertThat(s.closedByServer()).isTrue();
        }
    }

    @Test
    void quitBeforeLoginSignsOff() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("USER " + ALICE, "+OK");
            s.send("QUIT", "+OK Bye");
            assertThat(s.closedByServer()).isTrue();
        }
    }

    @Test
    void authPlainLogsInWithAnInitialResponse() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD), "+OK Logged in");
        }
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            // authzid equal to authcid is the same user
            s.send("auth plain " + plain(ALICE, ALICE, PASSWORD), "+OK Logged in");
        }
    }

    @Test
    void authPlainLogsInAfterAContinuation() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            assertThat(s.send("AUTH PLAIN", "+")).isEqualTo("+ ");
            s.send(plain("", ALICE, PASSWORD), "+OK Logged in");
            s.send("STAT", "+OK");
        }
    }

    @Test
    void authPlainRefusesWhatItCannotUse() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            assertThat(s.sendMultiLine("AUTH")).containsExactly("PLAIN");
            s.send("AUTH CRAM-MD5", "-ERR Unsupported authentication mechanism");
            s.send("AUTH PLAIN", "+ ");
            s.send("*", "-ERR Authentication cancelled");
            s.send("AUTH PLAIN not-base64!", "-ERR [AUTH] Malformed PLAIN credentials: not base64");
            s.send("AUTH PLAIN " + Base64.getEncoder().encodeToString("no separators".getBytes()),
                    "-ERR [AUTH] Malformed PLAIN credentials: not authzid NUL login NUL password");
            s.send("AUTH PLAIN =", "-ERR [AUTH] Malformed PLAIN credentials: empty response");
            s.send("AUTH PLAIN " + plain("", ALICE, ""), "-ERR [AUTH] Malformed PLAIN credentials: empty password");
            s.send("AUTH PLAIN " + plain(Pop3Fixture.BOB, ALICE, PASSWORD), "-ERR [AUTH] Logging in as another user");
            s.send("AUTH PLAIN " + plain("", ALICE, "wrong password"), "-ERR [AUTH] Invalid login or password");
            // the session is still usable
            s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD), "+OK");
        }
    }

    @Test
    void anAuthAnswerOverTheLineLimitEndsTheExchange() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            s.send("AUTH PLAIN", "+ ");
            s.send("x".repeat(Pop3Listeners.MAX_LINE_LENGTH + 10), "-ERR Command line too long");
            // the next line is a command again, not taken for the credentials
            s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD), "+OK Logged in");
        }
    }

    @Test
    void plaintextLoginsAreRefusedWithoutTls() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start(Settings.defaults().plaintextRefused()).port())) {
            assertThat(s.sendMultiLine("CAPA")).doesNotContain("USER", "SASL PLAIN");
            // refused at USER, before the client sends its password
            s.send("USER " + ALICE, "-ERR [AUTH] Plaintext authentication is disallowed");
            s.send("PASS " + PASSWORD, "-ERR Send USER first");
            s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD), "-ERR [AUTH] Plaintext authentication is disallowed");
            s.send("AUTH PLAIN", "-ERR [AUTH] Plaintext authentication is disallowed");
            s.send("STAT", "-ERR");
        }
    }

    @Test
    void repeatedFailedLoginsBlockTheAddressAcrossSessions() throws Exception {
        int port = fixture.start(Settings.defaults().throttled(3, Duration.ZERO)).port();
        for (int i = 0; i < 3; i++) {
            try (Pop3Transcript s = Pop3Transcript.connect(port)) {
                s.send("USER " + ALICE, "+OK");
                s.send("PASS guess " + i, "-ERR [AUTH]");
            }
        }
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            // even the right password is not checked while the address is blocked
            s.send("USER " + ALICE, "+OK");
            s.send("PASS " + PASSWORD, "-ERR [SYS/TEMP] Too many failed logins");
            s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD), "-ERR [SYS/TEMP] Too many failed logins");
        }
    }

    @Test
    void anAccountThatFailedTooOftenWaitsBetweenAttemptsButIsNotLockedOut() throws Exception {
        // the address may fail 100 times; the account waits after 10 failures, from anywhere
        int port = fixture.start(Settings.defaults().throttled(100, Duration.ZERO)).port();
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            for (int i = 0; i < 10; i++) {
                s.send("AUTH PLAIN " + plain("", ALICE, "guess " + i), "-ERR [AUTH]");
            }
            s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD),
                    "-ERR [SYS/TEMP] Too many failed logins for this account; try again in 1 s");
            // the account waits 1 s: a right password gets in after it, however loaded the machine
            assertThat(await().atMost(Duration.ofSeconds(10)).until(
                    () -> s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD), ""),
                    reply -> !reply.startsWith("-ERR [SYS/TEMP]"))).startsWith("+OK Logged in");
        }
    }

    @Test
    void aFailedLoginIsAnsweredAfterTheThrottleDelay() throws Exception {
        Duration delay = Duration.ofMillis(400);
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start(Settings.defaults().throttled(10, delay)).port())) {
            s.send("USER " + ALICE, "+OK");
            long start = System.nanoTime();
            s.send("PASS wrong password", "-ERR [AUTH]");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
        }
    }

    static void login(Pop3Transcript s) throws Exception {
        s.send("USER " + ALICE, "+OK");
        s.send("PASS " + PASSWORD, "+OK Logged in");
    }

    static String plain(String authzid, String authcid, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + authcid + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}

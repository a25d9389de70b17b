package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.pop3.Pop3CommandsTest.login;
import static org.postroom.pop3.Pop3CommandsTest.plain;
import static org.postroom.pop3.Pop3Fixture.ALICE;
import static org.postroom.pop3.Pop3Fixture.PASSWORD;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.postroom.pop3.Pop3Fixture.Settings;

/** STLS (RFC 2595) and POP3S (RFC 8314) on the real listeners, with plaintext logins refused as by default. */
class Pop3TlsTest {

    @AutoClose
    private final Pop3Fixture fixture = new Pop3Fixture();
    private final Pop3Process server = fixture.start(Settings.defaults().plaintextRefused());
    private final SSLContext tls = fixture.clientTls();

    @Test
    void stlsUpgradesTheSessionAndThenLoginsAreAccepted() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connect(server.port())) {
            assertThat(s.sendMultiLine("CAPA")).contains("STLS").doesNotContain("USER", "SASL PLAIN");
            s.send("USER " + ALICE, "-ERR [AUTH] Plaintext authentication is disallowed");
            s.startTls(tls);
            // RFC 2595 §4: after STLS, STLS is gone and the login mechanisms are offered
            assertThat(s.sendMultiLine("CAPA")).contains("USER", "SASL PLAIN").doesNotContain("STLS");
            s.send("STLS", "-ERR Already using TLS");
            login(s);
            s.send("STAT", "+OK 0 0");
            s.send("QUIT", "+OK");
        }
    }

    @Test
    void stlsForgetsAUserGivenBeforeIt() throws Exception {
        Pop3Process lenient = fixture.start(Settings.defaults());
        try (Pop3Transcript s = Pop3Transcript.connect(lenient.port())) {
            s.send("USER " + ALICE, "+OK");
            s.startTls(tls);
            s.send("PASS " + PASSWORD, "-ERR Send USER first");
            s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD), "+OK Logged in");
        }
    }

    @Test
    void pop3sIsTlsFromTheFirstByte() throws Exception {
        try (Pop3Transcript s = Pop3Transcript.connectTls(server.tlsPort(), tls)) {
            assertThat(s.sendMultiLine("CAPA")).contains("USER", "SASL PLAIN").doesNotContain("STLS");
            s.send("STLS", "-ERR Already using TLS");
            s.send("AUTH PLAIN " + plain("", ALICE, PASSWORD), "+OK Logged in");
            s.send("QUIT", "+OK");
        }
    }

    @Test
    void commandsPipelinedBehindStlsAreNeverExecuted() throws Exception {
        // CVE-2011-0411 class: a man in the middle appends clear-text commands to STLS
        try (Pop3Transcript s = Pop3Transcript.connect(server.port())) {
            s.write("STLS\r\nNOOP\r\n");
            s.expect("-ERR Commands pipelined after STLS");
            assertThat(s.closedByServer()).isTrue();
        }
        Pop3Process lenient = fixture.start(Settings.defaults());
        try (Pop3Transcript s = Pop3Transcript.connect(lenient.port())) {
            s.write("STLS\r\nUSER " + ALICE + "\r\nPASS " + PASSWORD + "\r\n");
            s.expect("-ERR");
            assertThat(s.closedByServer()).isTrue();
        }
        // the injected login never took the maildrop
        try (Pop3Transcript s = Pop3Transcript.connectTls(server.tlsPort(), tls)) {
            login(s);
        }
    }

    @Test
    void aClientOverItsConnectionLimitIsToldWhy() throws Exception {
        Pop3Process limited = fixture.start(Settings.defaults().maxConnectionsPerIp(1));
        try (Pop3Transcript first = Pop3Transcript.connect(limited.port())) {
            try (java.net.Socket second = new java.net.Socket("127.0.0.1", limited.port())) {
                second.setSoTimeout(20_000);
                String reply = new String(second.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
                assertThat(reply).isEqualTo("-ERR [SYS/TE");
            }
            first.send("NOOP", "-ERR NOOP is only valid after login");
        }
    }
}

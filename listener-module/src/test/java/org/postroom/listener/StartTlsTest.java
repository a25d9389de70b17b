package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.listener.tls.ListenerTls;

/**
 * STARTTLS and STLS over real sockets. The injection tests guard against CVE-2011-0411 and the
 * pipelining variants of Poddebniak et al. (USENIX Security 2021): a command sent in clear text
 * after STARTTLS, in the same packet or right behind it, must never be executed, least of all
 * inside the TLS session where the server would believe it came from the authenticated client.
 */
class StartTlsTest {

    private static final int RACE_ROUNDS = 20;

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @TempDir
    Path tlsDirectory;

    private ListenerTls tls;
    private SSLContext client;

    @BeforeEach
    void createCertificate() throws Exception {
        tls = ListenerTls.selfSigned(tlsDirectory, "mx.test");
        client = TestTls.clientTrusting(tlsDirectory.resolve("selfsigned-cert.pem"));
    }

    @Test
    void startTlsUpgradesTheSessionAndTheCommandsAfterItRunInsideTls() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        try (LineClient session = LineClient.connect(smtpPort(smtp))) {
            session.reply();
            session.send("EHLO client.test");
            assertThat(session.readReply()).anySatisfy(line -> assertThat(line).endsWith("STARTTLS"));
            assertThat(session.command("STARTTLS")).startsWith("220");
            session.startTls(client);
            assertThat(session.command("EHLO client.test")).startsWith("250");
            assertThat(session.command("MAIL FROM:<alice@client.test>")).startsWith("250");
        }
        assertThat(smtp.mails()).singleElement().satisfies(mail -> assertThat(mail.tls()).isTrue());
    }

    @Test
    void aCommandPipelinedWithStartTlsInOneWriteIsRefusedAndNeverExecuted() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        try (LineClient attacker = LineClient.connect(smtpPort(smtp))) {
            attacker.reply();
            attacker.command("EHLO client.test");

            // C: STARTTLS + MAIL FROM in one packet
            attacker.send("STARTTLS", "MAIL FROM:<attacker@evil.test>");

            // S: the protocol's refusal, no 220, then close
            assertThat(attacker.reply()).isEqualTo(TestReplies.SMTP.pipelinedAfterStartTls());
            assertThat(attacker.closedByServer()).isTrue();
        }
        assertThat(smtp.mails()).isEmpty();
    }

    @Test
    void aCommandSentRightBehindStartTlsInItsOwnSegmentIsNeverExecuted() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = smtpPort(smtp);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            try (LineClient attacker = LineClient.connect(port)) {
                attacker.reply();
                attacker.command("EHLO client.test");

                // Two writes on a TCP_NODELAY socket: two segments, racing the server's TLS switch.
                attacker.write("STARTTLS\r\n");
                attacker.write("MAIL FROM:<attacker@evil.test>\r\n");

                // Either refused in clear text, or fed to the TLS handler as a broken record: closed.
                assertThat(attacker.closedByServer()).isTrue();
            }
        }
        assertThat(smtp.mails()).isEmpty();
    }

    @Test
    void aRefusedStartTlsDoesNotHoldUpTheCommandsPipelinedBehindIt() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        try (LineClient session = LineClient.connect(smtpPort(smtp))) {
            session.reply();
            session.command("EHLO client.test");

            session.send("STARTTLS now", "MAIL FROM:<alice@client.test>");

            assertThat(session.reply()).startsWith("501");
            assertThat(session.reply()).startsWith("250");
        }
        assertThat(smtp.mails()).singleElement().satisfies(mail -> assertThat(mail.tls()).isFalse());
    }

    @Test
    void aMessageLineReadingStartTlsIsPartOfTheMessageNotACommand() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        try (LineClient session = LineClient.connect(smtpPort(smtp))) {
            session.reply();
            session.command("EHLO client.test");
            session.send("MAIL FROM:<alice@client.test>", "RCPT TO:<bob@mx.test>", "DATA");
            session.reply();
            session.reply();
            assertThat(session.reply()).startsWith("354");

            session.send("Subject: how to upgrade", "", "STARTTLS", "NOOP", ".");

            assertThat(session.reply()).startsWith("250");
        }
        assertThat(smtp.messages()).singleElement().satisfies(message -> assertThat(message).endsWith("\nSTARTTLS\nNOOP"));
    }

    @Test
    void stlsUpgradesAPop3SessionAndTheLoginHappensInsideTls() throws Exception {
        RecordingPop3 pop3 = new RecordingPop3();
        try (LineClient session = LineClient.connect(pop3Port(pop3))) {
            session.readLine();
            assertThat(session.command("STLS")).startsWith("+OK");
            session.startTls(client);
            assertThat(session.command("USER alice@mx.test")).startsWith("+OK");
            assertThat(session.command("PASS secret")).startsWith("+OK");
            assertThat(session.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        assertThat(pop3.logins()).isEqualTo(1);
    }

    @Test
    void aLoginPipelinedWithStlsIsRefusedAndNeverExecuted() throws Exception {
        RecordingPop3 pop3 = new RecordingPop3();
        int port = pop3Port(pop3);
        try (LineClient attacker = LineClient.connect(port)) {
            attacker.readLine();

            attacker.send("STLS", "USER alice@mx.test", "PASS stolen");

            assertThat(attacker.readLine()).isEqualTo(TestReplies.POP3.pipelinedAfterStartTls());
            assertThat(attacker.closedByServer()).isTrue();
        }
        for (int round = 0; round < RACE_ROUNDS; round++) {
            try (LineClient attacker = LineClient.connect(port)) {
                attacker.readLine();
                attacker.write("STLS\r\n");
                attacker.write("USER alice@mx.test\r\nPASS stolen\r\n");
                assertThat(attacker.closedByServer()).isTrue();
            }
        }
        assertThat(pop3.logins()).isZero();
    }

    private int smtpPort(RecordingSmtp smtp) {
        return listeners.bind(smtp.protocol(), ListenerFixture.settings("smtp-starttls", TestReplies.SMTP)
                .security(TransportSecurity.startTls(tls.startTlsEncryption(), "STARTTLS"))
                .build()).port();
    }

    private int pop3Port(RecordingPop3 pop3) {
        return listeners.bind(pop3.protocol(), ListenerFixture.settings("pop3-stls", TestReplies.POP3)
                .security(TransportSecurity.startTls(tls.startTlsEncryption(), "stls"))
                .build()).port();
    }
}

package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.postroom.server.SmtpClient;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.Mailboxes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** The application starts the three SMTP listeners on their ports, with TLS, over its database. */
class SmtpWiringTest extends WiredApplicationTest {


    @Autowired
    @Qualifier("smtpMxListener")
    ListenerLifecycle mx;

    @Autowired
    @Qualifier("smtpSubmissionListener")
    ListenerLifecycle submission;

    @Autowired
    @Qualifier("smtpSubmissionsListener")
    ListenerLifecycle submissions;

    @Autowired
    DomainRepository domains;

    @Autowired
    UserRepository users;

    @Autowired
    MailDirectory directory;

    @Autowired
    Mailboxes mailboxes;

    @Test
    void theMxListenerTakesMailForALocalUserAndStoresIt() throws IOException {
        domains.create("example.com");
        users.create("alice@example.com", "correct horse battery staple", null);
        try (SmtpClient smtp = SmtpClient.connect(mx.listener().port())) {
            assertThat(smtp.reply()).startsWith("220 mail.wired.example ESMTP Postroom");
            assertThat(smtp.command("EHLO client.test")).contains("250-STARTTLS", "SIZE 2097152");
            assertThat(smtp.command("MAIL FROM:<far@elsewhere.test>")).startsWith("250 2.1.0");
            assertThat(smtp.command("RCPT TO:<alice@example.com>")).startsWith("250 2.1.5");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: wired\r\n\r\nhello\r\n.")).startsWith("250 2.0.0 Ok: queued as ");
        }
        long inbox = ((Deliverable) directory.resolve("alice@example.com")).mailboxes().iterator().next().mailboxId();
        assertThat(mailboxes.entries(inbox)).hasSize(1);
        assertThat(DATA_DIR.resolve("spool")).isEmptyDirectory();
    }

    @Test
    void aCommandLeftUnfinishedIsCutOffAtTheConfiguredCommandTimeout() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(mx.listener().port())) {
            smtp.reply();
            smtp.command("EHLO client.test");
            long start = System.nanoTime();
            smtp.socket().getOutputStream().write("MAIL FROM:<slow@elsewhere".getBytes(StandardCharsets.US_ASCII));
            assertThat(smtp.reply()).startsWith("421 4.4.2 mail.wired.example Command not completed in time");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(COMMAND_TIMEOUT.minusMillis(200));
        }
    }

    @Test
    void aMessageThatStopsComingIsCutOffAtTheConfiguredDataRate() throws IOException {
        domains.create("rate.example");
        users.create("rita@rate.example", "correct horse battery staple", null);
        try (SmtpClient smtp = SmtpClient.connect(mx.listener().port())) {
            smtp.reply();
            smtp.command("EHLO client.test");
            assertThat(smtp.command("MAIL FROM:<far@elsewhere.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<rita@rate.example>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.socket().getOutputStream().write("Subject: stalled\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(smtp.reply()).startsWith("421 4.4.2 mail.wired.example Data arriving too slowly");
        }
        assertThat(users.find("rita@rate.example").orElseThrow().messageCount()).isZero();
    }

    @Test
    void theSubmissionListenerOffersStartTlsAndKeepsAuthForTls() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(submission.listener().port())) {
            smtp.reply();
            assertThat(smtp.command("EHLO laptop.test")).contains("250-STARTTLS").doesNotContain("AUTH");
            assertThat(smtp.command("MAIL FROM:<alice@example.com>")).startsWith("530 5.7.0");
        }
    }

    @Test
    void theImplicitTlsListenerSpeaksTlsFromTheFirstByteAndOffersAuth() throws Exception {
        // the handshake succeeds trusting only the certificate generated in the data dir
        try (SmtpClient smtp = SmtpClient.connectTls(submissions.listener().port(), DATA_DIR.resolve("tls/selfsigned-cert.pem"))) {
            assertThat(((SSLSocket) smtp.socket()).getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(smtp.reply()).startsWith("220 mail.wired.example");
            assertThat(smtp.command("EHLO laptop.test")).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
        }
    }
}

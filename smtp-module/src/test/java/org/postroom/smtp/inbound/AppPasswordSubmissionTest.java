package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.storage.directory.AppPassword;
import org.postroom.storage.directory.AppPasswords;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.NewAppPassword;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * App passwords on SMTPS (port 465's implicit TLS) with Angus Mail: one submits and its use is
 * noted; when the user must use app passwords the account password gets the usual
 * {@code 535 5.7.8}; a revoked one is refused.
 */
class AppPasswordSubmissionTest {

    private static final String ALICE = "alice@example.com";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private TestListener listener;
    private AppPasswords appPasswords;
    private LoginPolicies policies;

    @BeforeEach
    void startSubmissions() {
        listener = bed.submissions();
        appPasswords = new AppPasswords(bed.mail().database());
        policies = new LoginPolicies(bed.mail().database());
    }

    @Test
    void anAppPasswordSubmitsOverSmtpsAndItsUseIsNoted() throws Exception {
        NewAppPassword laptop = appPasswords.create(ALICE, "Laptop");
        Instant before = Instant.now().minusSeconds(5);

        assertThat(send("PLAIN", laptop.password())).startsWith("250 2.0.0");
        assertThat(send("LOGIN", laptop.password())).startsWith("250 2.0.0");

        assertThat(bed.mail().inbox("bob@example.com")).hasSize(2);
        AppPassword used = appPasswords.list(ALICE).get(0);
        assertThat(used.lastUsedAt()).isAfter(before);
        assertThat(used.lastUsedFrom()).isEqualTo("127.0.0.1");
    }

    @Test
    void theAccountPasswordIsRefusedWhenTheUserMustUseAppPasswords() throws Exception {
        NewAppPassword laptop = appPasswords.create(ALICE, "Laptop");
        assertThat(send("PLAIN", TestMailSystem.PASSWORD)).startsWith("250 2.0.0");

        policies.setAppPasswordsRequired(ALICE, true);

        assertThatThrownBy(() -> send("PLAIN", TestMailSystem.PASSWORD))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535 5.7.8");
        assertThat(send("PLAIN", laptop.password())).startsWith("250 2.0.0");
    }

    @Test
    void aRevokedAppPasswordIsRefused() throws Exception {
        NewAppPassword laptop = appPasswords.create(ALICE, "Laptop");
        assertThat(send("PLAIN", laptop.password())).startsWith("250 2.0.0");

        appPasswords.revoke(ALICE, laptop.appPassword().id());

        assertThatThrownBy(() -> send("PLAIN", laptop.password()))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535 5.7.8");
    }

    /** Logs in as alice with {@code secret} by {@code mechanism}, sends one message to bob, returns the reply to it. */
    private String send(String mechanism, String secret) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtps.auth", "true");
        props.put("mail.smtps.auth.mechanisms", mechanism);
        props.put("mail.smtps.localhost", "laptop.example.com");
        props.put("mail.smtps.ssl.trust", "*");
        props.put("mail.smtps.ssl.checkserveridentity", "false");
        props.put("mail.smtps.connectiontimeout", "20000");
        props.put("mail.smtps.timeout", "20000");
        Session session = Session.getInstance(props);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtps")) {
            transport.connect("127.0.0.1", listener.port(), ALICE, secret);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(ALICE));
            message.setRecipients(Message.RecipientType.TO, "bob@example.com");
            message.setSubject("from an app password");
            message.setText("sent by a mail program\n");
            message.saveChanges();
            transport.sendMessage(message, new InternetAddress[] { new InternetAddress("bob@example.com") });
            return transport.getLastServerResponse();
        }
    }
}

package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.testing.TestSmtpServer.Transaction;

/**
 * Mail an alias forwards to another domain (fwd@example.com to far@elsewhere.test), followed from
 * port 25 to the next server and back: it leaves with an SRS sender at the alias's domain, so that
 * the receiver's SPF check asks about us, and a bounce to that sender reaches the original one.
 */
class ForwardingTest {

    private static final String MESSAGE = "From: Sender <sender@remote.test>\r\nTo: fwd@example.com\r\n"
            + "Subject: forward me\r\n\r\nhello\r\n";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private TestDelivery delivery;
    private int mx;

    @BeforeEach
    void start() {
        delivery = new TestDelivery(bed.mail(), "elsewhere.test", "remote.test");
        mx = bed.mx().port();
    }

    @AfterEach
    void close() throws IOException {
        delivery.close();
    }

    /** One message over port 25, answered 250. */
    private void receive(String sender, String recipient, String message) {
        try (SmtpTranscript smtp = SmtpTranscript.connect(mx)) {
            smtp.ehlo("mx.remote.test");
            smtp.send("MAIL FROM:<" + sender + ">").expect("250");
            smtp.send("RCPT TO:<" + recipient + ">").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw(message + ".\r\n").expect("250 2.0.0");
        }
    }

    /** Forwards MESSAGE from sender@remote.test through fwd@ and returns the sender it left with. */
    private String forwardedSender() {
        receive("sender@remote.test", "fwd@example.com", MESSAGE);
        delivery.deliverDue();
        return delivery.sink().transactions().get(0).mailFrom();
    }

    @Test
    void forwardedMailLeavesWithAnSrsSenderAtTheAliasDomain() {
        String sender = forwardedSender();
        assertThat(sender).matches("SRS0=[A-Za-z0-9+/]{6}=[A-Z2-7]{2}=remote\\.test=sender@example\\.com");
        assertThat(delivery.sink().transactions().get(0).recipients()).containsExactly("far@elsewhere.test");
    }

    @Test
    void aBounceToTheSrsSenderIsAcceptedAndRelayedToTheOriginalSender() {
        String srs = forwardedSender();
        receive("", srs, "From: MAILER-DAEMON@elsewhere.test\r\nSubject: Undelivered Mail\r\n\r\nsorry\r\n");
        delivery.deliverDue();

        assertThat(delivery.sink().transactions()).hasSize(2);
        Transaction bounce = delivery.sink().transactions().get(1);
        assertThat(bounce.mailFrom()).as("the null sender stays null").isEmpty();
        assertThat(bounce.recipients()).containsExactly("sender@remote.test");
        assertThat(bounce.text()).contains("Subject: Undelivered Mail");
    }

    @Test
    void aForgedSrsAddressIsRefusedAsAnUnknownUser() {
        String srs = forwardedSender();
        String forged = srs.replace("=sender@", "=someone-else@");
        try (SmtpTranscript smtp = SmtpTranscript.connect(mx)) {
            smtp.ehlo("mx.remote.test");
            smtp.send("MAIL FROM:<>").expect("250");
            smtp.send("RCPT TO:<" + forged + ">").expect("550 5.1.1");
            smtp.send("RCPT TO:<SRS0=AAAAAA=AA=remote.test=sender@example.com>").expect("550 5.1.1");
            smtp.send("RCPT TO:<SRS1=AAAAAA=fwd1.test==xy=AA=remote.test=sender@example.com>").expect("550 5.1.1");
        }
        assertThat(bed.mail().queuedRecipients()).isEmpty();
    }

    @Test
    void aBounceForwardedByAnAliasKeepsTheNullSender() {
        receive("", "fwd@example.com", MESSAGE);
        delivery.deliverDue();
        assertThat(delivery.sink().transactions()).singleElement().satisfies(t -> assertThat(t.mailFrom()).isEmpty());
    }

    @Test
    void mailOurUserSubmittedToTheAliasKeepsItsOwnSender() {
        try (SmtpTranscript smtp = bed.loggedIn("alice@example.com")) {
            smtp.send("MAIL FROM:<alice@example.com>").expect("250");
            smtp.send("RCPT TO:<fwd@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("From: alice@example.com\r\nSubject: hi\r\n\r\nhi\r\n.\r\n").expect("250 2.0.0");
        }
        delivery.deliverDue();
        assertThat(delivery.sink().transactions()).singleElement()
                .satisfies(t -> assertThat(t.mailFrom()).isEqualTo("alice@example.com"));
    }
}

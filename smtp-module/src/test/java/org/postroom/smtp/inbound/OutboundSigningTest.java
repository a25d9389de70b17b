package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.testing.TestSmtpServer.Transaction;

/**
 * What leaves with our DKIM signature, followed from the listener to the next server: mail our
 * users submitted after logging in, never mail a stranger sent to port 25, whatever its From says.
 */
class OutboundSigningTest {

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private TestDelivery delivery;

    private TestDelivery delivery() {
        if (delivery == null) {
            delivery = new TestDelivery(bed.mail(), "elsewhere.test");
        }
        return delivery;
    }

    @AfterEach
    void close() throws IOException {
        if (delivery != null) {
            delivery.close();
        }
    }

    @Test
    void mailFromTheInternetForAnExternalAliasLeavesUnsignedWhateverItsFromSays() {
        // a server SPF lets send for example.com (say the company's web shop) writes as our CEO to
        // fwd@example.com, which forwards to far@elsewhere.test; a forgery would be refused
        // (OwnDomainSpoofTest)
        bed.dns().txt("example.com", "v=spf1 ip4:127.0.0.1 -all");
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("shop.example.com");
            smtp.send("MAIL FROM:<ceo@example.com>").expect("250");
            smtp.send("RCPT TO:<fwd@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("From: The CEO <ceo@example.com>\r\nTo: fwd@example.com\r\nSubject: wire the money\r\n"
                    + "Date: Thu, 26 Nov 2026 08:00:00 +0000\r\nMessage-ID: <1@remote.test>\r\n\r\nnow\r\n.\r\n")
                    .expect("250 2.0.0");
        }
        delivery().deliverDue();

        assertThat(delivery().sink().transactions()).singleElement().satisfies(forwarded -> {
            assertThat(forwarded.recipients()).containsExactly("far@elsewhere.test");
            assertThat(forwarded.text()).contains("Subject: wire the money").doesNotContain("DKIM-Signature");
        });
    }

    @Test
    void aMessageOurUserSubmittedLeavesSignedForTheirDomain() throws IOException {
        try (SmtpTranscript smtp = bed.loggedIn("alice@example.com")) {
            smtp.send("MAIL FROM:<alice@example.com>").expect("250");
            smtp.send("RCPT TO:<far@elsewhere.test>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("From: Alice <alice@example.com>\r\nTo: far@elsewhere.test\r\nSubject: hello\r\n\r\nhi\r\n.\r\n")
                    .expect("250 2.0.0");
        }
        delivery().deliverDue();

        Transaction sent = delivery().sink().transactions().get(0);
        assertThat(sent.text()).startsWith("DKIM-Signature:").contains("d=example.com");
        assertThat(delivery().verifiesFor("example.com", sent.data())).isTrue();
    }
}

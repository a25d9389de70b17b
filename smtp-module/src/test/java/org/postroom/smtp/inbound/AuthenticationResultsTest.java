package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.inbound.checks.InboundChecks;

/**
 * RFC 8601 §5: the one Authentication-Results field with this server's name (mx.postroom.test) that
 * a stored message carries is the one this server wrote; fields forged in its name are removed,
 * those of other servers kept. And a DNS that is down loses no mail.
 */
class AuthenticationResultsTest {

    private static final String FORGED = "Authentication-Results: mx.postroom.test; dkim=pass header.d=bank.test\r\n"
            + "authentication-results : MX.Postroom.TEST;\r\n\tspf=pass smtp.mailfrom=bank.test;\r\n\tdmarc=pass\r\n"
            + "Authentication-Results:\r\n (a comment first) mx.postroom.test; dmarc=pass header.from=bank.test\r\n"
            // control characters around the name, which lenient readers (mime4j) drop
            + "Authentication-Results\u0001\u0007: mx.postroom.test; dkim=pass header.d=bank.test\r\n";
    private static final String OTHERS = "Authentication-Results: mx.lists.test;\r\n\tspf=fail smtp.mailfrom=x@bank.test\r\n";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private String stored() {
        List<byte[]> inbox = bed.mail().inbox("alice@example.com");
        return new String(inbox.get(inbox.size() - 1), StandardCharsets.UTF_8);
    }

    @Test
    void fieldsForgedInOurNameAreRemovedAndOtherServersFieldsKept() {
        bed.receive("mx.lists.test", "x@lists.test", "alice@example.com",
                "From: x@lists.test\r\n" + FORGED + OTHERS + "Subject: trust me\r\n\r\nAuthentication-Results: mx.postroom.test; body\r\n",
                "250 2.0.0");
        String stored = stored();
        assertThat(stored.split("(?i)authentication-results *:", -1)).hasSize(4);
        assertThat(stored).startsWith("Authentication-Results: mx.postroom.test;\r\n\tspf=none")
                .contains("\r\nFrom: x@lists.test\r\n" + OTHERS + "Subject: trust me\r\n\r\n")
                .endsWith("\r\nAuthentication-Results: mx.postroom.test; body\r\n")
                .doesNotContain("bank.test;").doesNotContain("a comment first");
    }

    @Test
    void withTheChecksOffForgedFieldsAreStillRemovedAndNoneIsAdded() {
        int port = bed.started(TestListener.mx(InboundChains.mx(bed.settings(),
                bed.services(InboundChecks.off(TestListener.HOSTNAME))))).port();
        try (SmtpTranscript smtp = SmtpTranscript.connect(port)) {
            smtp.ehlo("mx.lists.test");
            smtp.send("MAIL FROM:<x@lists.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("From: x@lists.test\r\n" + FORGED + OTHERS + "Subject: trust me\r\n\r\nhi\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(stored()).startsWith("Received: ").doesNotContain("mx.postroom.test;")
                .contains("\r\nFrom: x@lists.test\r\n" + OTHERS + "Subject: trust me\r\n");
    }

    @Test
    void withTheDnsServerDownMailIsTakenWithTemporaryErrorsAndNothingIsLost() {
        bed.dns().close();
        bed.receive("mx.elsewhere.test", "far@elsewhere.test", "alice@example.com",
                "From: far@elsewhere.test\r\nSubject: still here\r\n\r\nhello\r\n", "250 2.0.0");
        assertThat(bed.authenticationResults("alice@example.com")).containsExactly(
                "spf=temperror smtp.mailfrom=far@elsewhere.test", "dkim=none",
                "dmarc=temperror reason=\"policy lookup failed\" header.from=elsewhere.test");
        // a sender in our own domain cannot be told from a forgery now: the client tries again later
        bed.receive("mx.example.com", "ceo@example.com", "alice@example.com",
                "From: ceo@example.com\r\nSubject: x\r\n\r\nx\r\n", "451 4.7.0");
        assertThat(bed.mail().storedMessages()).isEqualTo(1);
    }
}

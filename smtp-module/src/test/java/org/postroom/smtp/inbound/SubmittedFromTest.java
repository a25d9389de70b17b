package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Submission: the header From: is what a reader (and DMARC) takes for the author, and what
 * outbound delivery signs for; so a user may name in it only addresses they may send as, the same
 * ones as in MAIL FROM: their own, with a +tag, or an alias that delivers to them.
 */
class SubmittedFromTest {

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    /** A logged-in session of alice's, inside TLS, with MAIL and RCPT accepted and DATA begun. */
    private SmtpTranscript aliceWriting() {
        SmtpTranscript smtp = bed.loggedIn("alice@example.com");
        smtp.send("MAIL FROM:<alice@example.com>").expect("250");
        smtp.send("RCPT TO:<far@elsewhere.test>").expect("250");
        smtp.send("RCPT TO:<bob@example.com>").expect("250");
        smtp.send("DATA").expect("354");
        return smtp;
    }

    @ParameterizedTest(name = "From: {0}")
    @ValueSource(strings = {
        "Bob <bob@example.com>",                     // another user
        "ceo@catchall.test",                         // another of our domains (its catch-all reaches alice)
        "The Bank <ceo@bank.test>",                  // anyone's
        "alice@example.com, bob@example.com",        // one of two authors is not hers
        "team: alice@example.com, bob@example.com;", // a group, the same
        "alice@example.com <ceo@bank.test>",         // ambiguous: which one would a reader see?
        "<alice@example.com>ceo@bank.test",          // the same
        "undisclosed:;",                             // a From that names nobody
        "alice"                                      // no domain at all
    })
    void aFromTheUserMayNotSendAsIsRefusedAndNothingIsQueued(String from) {
        try (SmtpTranscript smtp = aliceWriting()) {
            smtp.raw("From: " + from + "\r\nSubject: hi\r\n\r\nhello\r\n.\r\n").expect("550 5.7.1");
            smtp.send("NOOP").expect("250");
        }
        assertThat(bed.mail().storedMessages()).isZero();
        assertThat(bed.mail().queuedRecipients()).isEmpty();
        assertThat(refusals()).isEqualTo(1);
    }

    @Test
    void aSecondFromFieldIsRefused() {
        try (SmtpTranscript smtp = aliceWriting()) {
            smtp.raw("From: alice@example.com\r\nSubject: hi\r\nfrom : ceo@bank.test\r\n\r\nhello\r\n.\r\n")
                    .expect("550 5.7.1");
        }
        assertThat(bed.mail().storedMessages()).isZero();
        assertThat(bed.meters().get("postroom.smtp.from.refused").tag("reason", "several-from-fields").counter()
                .count()).isEqualTo(1);
    }

    /**
     * jDKIM, which signs and verifies with mime4j's reading, takes control characters around a
     * field's name for white space: so a From: written {@code From<BEL>:} is a From: to a reader,
     * and must be one to this rule too (found by HeaderFieldsFuzzTest).
     */
    @Test
    void aFromFieldWithControlCharactersAroundItsNameIsReadAsOne() {
        try (SmtpTranscript smtp = aliceWriting()) {
            smtp.raw("From \u0007\u0007: The Bank <ceo@bank.test>\r\nSubject: hi\r\n\r\nhello\r\n.\r\n").expect("550 5.7.1");
        }
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @ParameterizedTest(name = "From: {0}")
    @ValueSource(strings = {
        "Alice <alice@example.com>",
        "\"Smith, Alice\"\r\n <ALICE@Example.COM>",  // folded, another case
        "alice+news@example.com",                    // her +tag
        "Team <team@example.com>",                   // an alias that delivers to her
        "alice@example.com, team@example.com"
    })
    void herOwnAddressATagOrAnAliasSheReceivesPass(String from) {
        try (SmtpTranscript smtp = aliceWriting()) {
            smtp.raw("From: " + from + "\r\nSubject: hi\r\n\r\nhello\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().queuedRecipients()).containsExactly("far@elsewhere.test");
        assertThat(bed.mail().inbox("bob@example.com")).hasSize(1);
    }

    @Test
    void aMessageWithoutFromClaimsNoOneAndPasses() {
        try (SmtpTranscript smtp = aliceWriting()) {
            smtp.raw("Subject: from a script\r\n\r\nhello\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().queuedRecipients()).containsExactly("far@elsewhere.test");
    }

    @Test
    void theRefusalIsLoggedWithItsReason() {
        try (SmtpTranscript smtp = aliceWriting()) {
            smtp.raw("From: Bob <bob@example.com>\r\n\r\nhello\r\n.\r\n").expect("550 5.7.1");
        }
        assertThat(bed.log().messages("org.postroom.smtp.inbound.FromOwnershipHook")).singleElement().asString()
                .contains("reason=from-not-owned", "user=alice@example.com", "bob@example.com");
    }

    private double refusals() {
        return bed.meters().find("postroom.smtp.from.refused").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}

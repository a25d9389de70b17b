package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.testing.TestDkimKey;

/**
 * Our own domains are never spoofable from outside: on port 25, from a client that did not log
 * in, a message whose envelope sender or From: field is at example.com (ours) and that neither SPF
 * nor an aligned DKIM signature authenticates is refused at the end of its data, whatever
 * example.com publishes, and nothing is stored or forwarded.
 */
class OwnDomainSpoofTest {

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    @Test
    void anEnvelopeSenderOfOurDomainFromOutsideIsRefused() {
        bed.receive("mx.attacker.test", "ceo@example.com", "alice@example.com",
                "From: Someone <someone@attacker.test>\r\nSubject: wire the money\r\n\r\nnow\r\n", "550 5.7.1");
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @Test
    void aFromFieldOfOurDomainFromOutsideIsRefused() {
        // a display name, a mixed-case domain: still ours
        bed.receive("mx.attacker.test", "bounces@attacker.test", "alice@example.com",
                "From: \"The CEO\" <ceo@Example.COM>\r\nSubject: wire the money\r\n\r\nnow\r\n", "550 5.7.1");
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @Test
    void aForgedFromOfOurDomainIsNotForwardedUnderOurNameByAnAlias() {
        // fwd@example.com forwards to far@elsewhere.test: with SRS at example.com the forgery would
        // leave with our domain in both the envelope and From:
        bed.receive("mx.attacker.test", "bounces@attacker.test", "fwd@example.com",
                "From: ceo@example.com\r\nSubject: invoice\r\n\r\npay\r\n", "550 5.7.1");
        assertThat(bed.mail().queuedRecipients()).isEmpty();
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @Test
    void aSecondFromFieldOfOurDomainCannotHideBehindTheFirst() {
        bed.receive("mx.attacker.test", "bounces@attacker.test", "alice@example.com",
                "From: someone@attacker.test\r\nFrom: ceo@example.com\r\nSubject: x\r\n\r\nx\r\n", "550 5.7.1");
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @Test
    void aServerSpfLetsSendForOurDomainIsTaken() {
        // the company's web shop, which the company's SPF record names
        bed.dns().txt("example.com", "v=spf1 ip4:127.0.0.1 -all");
        bed.receive("shop.example.com", "orders@example.com", "alice@example.com",
                "From: Shop <orders@example.com>\r\nSubject: your order\r\n\r\nshipped\r\n", "250 2.0.0");
        assertThat(bed.authenticationResults("alice@example.com")).first().isEqualTo(
                "spf=pass smtp.mailfrom=orders@example.com");
    }

    @Test
    void aMessageSignedForOurDomainIsTakenFromAnyEnvelope() {
        // a mailing list passes on a message of alice's, signed when it left us, without altering it
        TestDkimKey key = TestDkimKey.generate().publish(bed.dns(), "example.com", "postroom");
        String message = "From: Alice <alice@example.com>\r\nTo: list@lists.test\r\nSubject: hi all\r\n\r\nhello\r\n";
        bed.receive("mx.lists.test", "list-bounces@lists.test", "bob@example.com",
                key.sign(message, "example.com", "postroom"), "250 2.0.0");
        assertThat(bed.authenticationResults("bob@example.com").get(1)).startsWith("dkim=pass header.d=example.com");
    }

    @Test
    void aSignatureOfAnotherDomainDoesNotMakeOurDomainsSenderGenuine() {
        TestDkimKey key = TestDkimKey.generate().publish(bed.dns(), "attacker.test", "s1");
        String message = "From: ceo@example.com\r\nTo: alice@example.com\r\nSubject: x\r\n\r\nx\r\n";
        bed.receive("mx.attacker.test", "x@attacker.test", "alice@example.com", key.sign(message, "attacker.test", "s1"),
                "550 5.7.1 Sender in a local domain not authenticated by SPF or DKIM");
        assertThat(bed.meters().counter("postroom.smtp.refusals", "listener", "smtp-mx", "reason", "own-domain-spoofed")
                .count()).isEqualTo(1);
    }

    @Test
    void aDnsFailureAboutOurOwnDomainDefersRatherThanRefusesOrTakes() {
        bed.dns().failing("example.com");
        bed.receive("shop.example.com", "orders@example.com", "alice@example.com",
                "From: orders@example.com\r\nSubject: x\r\n\r\nx\r\n",
                "451 4.7.0 DNS failure while authenticating a sender in a local domain");
        assertThat(bed.mail().storedMessages()).isZero();
    }
}

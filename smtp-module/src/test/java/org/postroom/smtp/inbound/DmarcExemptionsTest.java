package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.smtp.inbound.DmarcTranscriptTest.message;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postroom.storage.senders.SenderAction;
import org.postroom.storage.senders.SenderList;

/**
 * What spares a message its DMARC disposition on port 25: a trusted forwarder (the client is one
 * of {@code postroom.antispam.trusted-forwarders}) delivers whatever the policy asks, with the
 * verdict in Authentication-Results; an allow entry of every recipient spares the quarantine, not
 * a rejection. Neither spares the rule that our own domains are never spoofable from outside. The
 * test client connects from 127.0.0.1.
 */
class DmarcExemptionsTest {

    private static final String TRUSTED_FORWARDER = "trusted-forwarder";
    private static final String ALLOW_LISTED = "allow-listed";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private String dmarc() {
        return bed.authenticationResults("alice@example.com").get(2);
    }

    private double dispositions(String disposition) {
        return bed.meters().counter("postroom.smtp.dmarc.dispositions", "disposition", disposition).count();
    }

    @Test
    void aRejectedMessageFromATrustedForwarderIsDeliveredWithTheVerdict() {
        bed.trustingForwarders("127.0.0.0/8");
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject").txt("bank.test", "v=spf1 ip4:192.0.2.1 -all");
        bed.receive("lists.example.net", "info@bank.test", "alice@example.com", message("info@bank.test"), "250 2.0.0");
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
        assertThat(dmarc()).isEqualTo("dmarc=fail (p=reject dis=none) reason=\"trusted-forwarder\" header.from=bank.test");
        assertThat(dispositions(TRUSTED_FORWARDER)).isEqualTo(1);
        assertThat(dispositions("reject")).isZero();
        assertThat(bed.log().messages("org.postroom.smtp.inbound.checks.DmarcCheck"))
                .anyMatch(line -> line.contains("disposition=trusted-forwarder") && line.contains("domain=bank.test")
                        && line.contains("policy=reject"));
    }

    @Test
    void aQuarantinedMessageFromATrustedForwarderIsDeliveredNotHeld() {
        bed.trustingForwarders("127.0.0.1");
        bed.dns().txt("_dmarc.careful.test", "v=DMARC1; p=quarantine");
        bed.receive("lists.example.net", "x@lists.example.net", "alice@example.com", message("ceo@careful.test"),
                "250 2.0.0");
        assertThat(bed.mail().held()).isEmpty();
        assertThat(dmarc()).isEqualTo(
                "dmarc=fail (p=quarantine dis=none) reason=\"trusted-forwarder\" header.from=careful.test");
        assertThat(dispositions(TRUSTED_FORWARDER)).isEqualTo(1);
    }

    @Test
    void aTrustedForwarderNamedByHostNameCountsWithTheAddressesDnsGivesIt() throws IOException {
        bed.dns().a("gateway.example.net", "127.0.0.1");
        bed.trustingForwarders("gateway.example.net");
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject");
        bed.receive("gateway.example.net", "x@gateway.example.net", "alice@example.com", message("info@bank.test"),
                "250 2.0.0");
        assertThat(dmarc()).startsWith("dmarc=fail (p=reject dis=none)");
    }

    @Test
    void aDnsFailureWhereThePolicyWouldRejectDoesNotDeferATrustedForwardersMessage() {
        bed.trustingForwarders("127.0.0.0/8");
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject").failing("bank.test");
        bed.receive("lists.example.net", "info@bank.test", "alice@example.com", message("info@bank.test"), "250 2.0.0");
        assertThat(dmarc()).isEqualTo("dmarc=temperror reason=\"SPF or DKIM could not be checked; trusted-forwarder\""
                + " header.from=bank.test");
        assertThat(dispositions(TRUSTED_FORWARDER)).isEqualTo(1);
        assertThat(dispositions("defer")).isZero();
    }

    @Test
    void aClientThatIsNoTrustedForwarderIsStillRefused() {
        bed.trustingForwarders("192.0.2.0/24");
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject");
        bed.receive("mx.phish.test", "x@phish.test", "alice@example.com", message("info@bank.test"),
                "550 5.7.1 Message rejected by the DMARC policy of its author domain bank.test");
        assertThat(dispositions("reject")).isEqualTo(1);
    }

    @Test
    void ourOwnDomainIsNotSpoofableEvenFromATrustedForwarder() {
        bed.trustingForwarders("127.0.0.0/8");
        bed.dns().txt("_dmarc.example.com", "v=DMARC1; p=none");
        bed.receive("lists.example.net", "bounces@lists.example.net", "alice@example.com",
                message("ceo@example.com"), "550 5.7.1");
        assertThat(bed.mail().storedMessages()).isZero();
        assertThat(bed.mail().held()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "news@careful.test", "@careful.test", "127.0.0.0/8" })
    void aSenderOnTheRecipientsAllowListSkipsTheQuarantine(String entry) {
        bed.mail().senderLists().put(SenderList.ofUser("alice@example.com"), entry, SenderAction.ALLOW);
        bed.dns().txt("_dmarc.careful.test", "v=DMARC1; p=quarantine");
        bed.receive("mx.careful.test", "news@careful.test", "alice@example.com", message("news@careful.test"),
                "250 2.0.0");
        assertThat(bed.mail().held()).isEmpty();
        assertThat(dmarc()).isEqualTo(
                "dmarc=fail (p=quarantine dis=none) reason=\"allow-listed\" header.from=careful.test");
        assertThat(dispositions(ALLOW_LISTED)).isEqualTo(1);
        assertThat(dispositions("quarantine")).isZero();
    }

    @Test
    void anAllowEntryOfOnlyOneOfTwoRecipientsLeavesTheMessageHeld() {
        bed.mail().senderLists().put(SenderList.ofUser("alice@example.com"), "@careful.test", SenderAction.ALLOW);
        bed.dns().txt("_dmarc.careful.test", "v=DMARC1; p=quarantine");
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("mx.careful.test");
            smtp.send("MAIL FROM:<news@careful.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<bob@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(message("news@careful.test") + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().held()).singleElement().satisfies(held -> {
            assertThat(held.reason()).isEqualTo("dmarc");
            assertThat(held.recipients()).containsExactly("alice@example.com", "bob@example.com");
        });
        assertThat(bed.mail().inbox("alice@example.com")).isEmpty();
        assertThat(dispositions("quarantine")).isEqualTo(1);
        assertThat(dispositions(ALLOW_LISTED)).isZero();
    }

    @Test
    void anAllowEntrySparesTheQuarantineButNotARejection() {
        bed.mail().senderLists().put(SenderList.ofUser("alice@example.com"), "@bank.test", SenderAction.ALLOW);
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject");
        bed.receive("mx.phish.test", "info@bank.test", "alice@example.com", message("info@bank.test"),
                "550 5.7.1 Message rejected by the DMARC policy of its author domain bank.test");
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @Test
    void anAllowEntryDoesNotSpareOurOwnDomainsRule() {
        bed.mail().senderLists().put(SenderList.ofUser("alice@example.com"), "127.0.0.0/8", SenderAction.ALLOW);
        bed.receive("mx.attacker.test", "ceo@example.com", "alice@example.com", message("ceo@example.com"),
                "550 5.7.1");
        assertThat(bed.mail().storedMessages()).isZero();
    }
}

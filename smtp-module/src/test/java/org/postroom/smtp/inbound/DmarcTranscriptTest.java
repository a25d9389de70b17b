package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.testing.TestDkimKey;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.quarantine.HeldMessage;

/**
 * DMARC (RFC 7489) on port 25: the author domain's policy on the test DNS server, SPF and DKIM as
 * the message brings them, and the message's fate at the end of its data.
 */
class DmarcTranscriptTest {

    private static final TestDkimKey KEY = TestDkimKey.generate();

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    /** A plain message to alice whose From: is {@code from}, unsigned. */
    static String message(String from) {
        return "From: <" + from + ">\r\nTo: alice@example.com\r\nSubject: dmarc\r\n"
                + "Date: Thu, 26 Nov 2026 08:00:00 +0000\r\nMessage-ID: <1@dmarc.test>\r\n\r\nhello\r\n";
    }

    private String dmarc() {
        return bed.authenticationResults("alice@example.com").get(2);
    }

    @Test
    void aFailingMessageOfADomainThatAsksForRejectIsRefusedNamingDmarc() {
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject").txt("bank.test", "v=spf1 ip4:192.0.2.1 -all");
        bed.receive("mx.phish.test", "info@bank.test", "alice@example.com", message("info@bank.test"),
                "550 5.7.1 Message rejected by the DMARC policy of its author domain bank.test");
        assertThat(bed.mail().storedMessages()).isZero();
        assertThat(bed.meters().counter("postroom.smtp.refusals", "listener", "smtp-mx", "reason", "dmarc-rejected")
                .count()).isEqualTo(1);
        assertThat(bed.log().messages("org.postroom.smtp.inbound.checks.DmarcCheck"))
                .anyMatch(line -> line.contains("reason=dmarc-rejected") && line.contains("domain=bank.test"));
    }

    @Test
    void aMessageOfTheSameDomainThatSpfAuthenticatesIsDelivered() {
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject").txt("bank.test", "v=spf1 ip4:127.0.0.1 -all");
        bed.receive("mx.bank.test", "info@bank.test", "alice@example.com", message("info@bank.test"), "250 2.0.0");
        assertThat(dmarc()).isEqualTo("dmarc=pass (p=reject dis=none) header.from=bank.test");
    }

    @Test
    void aMessageAnAlignedDkimSignatureAuthenticatesIsDeliveredWhateverItsEnvelope() {
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject");
        KEY.publish(bed.dns(), "bank.test", "s1");
        bed.receive("mx.list.test", "bounces@list.test", "alice@example.com",
                KEY.sign(message("info@bank.test"), "bank.test", "s1"), "250 2.0.0");
        assertThat(dmarc()).isEqualTo("dmarc=pass (p=reject dis=none) header.from=bank.test");
    }

    @Test
    void aFailingMessageOfADomainThatAsksForNothingIsDeliveredWithTheVerdict() {
        bed.dns().txt("_dmarc.watching.test", "v=DMARC1; p=none; rua=mailto:dmarc@watching.test");
        bed.receive("mx.phish.test", "x@phish.test", "alice@example.com", message("ceo@watching.test"), "250 2.0.0");
        assertThat(dmarc()).isEqualTo("dmarc=fail (p=none dis=none) header.from=watching.test");
    }

    @Test
    void aFailingMessageOfADomainThatAsksForQuarantineIsTakenButHeldForAnAdministrator() {
        bed.dns().txt("_dmarc.careful.test", "v=DMARC1; p=quarantine");
        bed.receive("mx.phish.test", "x@phish.test", "alice@example.com", message("ceo@careful.test"), "250 2.0.0");
        assertThat(bed.mail().inbox("alice@example.com")).isEmpty();
        HeldMessage held = bed.mail().quarantine().list(0, 10).items().get(0);
        assertThat(held.reason()).isEqualTo("dmarc");
        assertThat(held.recipients()).containsExactly("alice@example.com");
        assertThat(held.header()).startsWith("Authentication-Results: mx.postroom.test;");
        assertThat(held.checks()).contains(
                new MessageCheck("dmarc", "fail", "(p=quarantine dis=quarantine) header.from=careful.test"));
        assertThat(bed.log().messages("org.postroom.smtp.inbound.StoreMessageHook"))
                .anyMatch(line -> line.contains("message " + held.id()) && line.contains("held in quarantine: reason=dmarc"));
        // released, it reaches alice as it came
        bed.mail().quarantine().release(held.id());
        assertThat(dmarc()).isEqualTo("dmarc=fail (p=quarantine dis=quarantine) header.from=careful.test");
    }

    @Test
    void pctZeroAppliesTheNextMilderPolicy() {
        // RFC 7489 §6.6.4: the messages pct= does not sample get quarantine instead of reject
        bed.dns().txt("_dmarc.trying.test", "v=DMARC1; p=reject; pct=0");
        bed.receive("mx.phish.test", "x@phish.test", "alice@example.com", message("ceo@trying.test"), "250 2.0.0");
        assertThat(bed.mail().quarantine().list(0, 10).items()).singleElement()
                .satisfies(held -> assertThat(held.checks()).contains(
                        new MessageCheck("dmarc", "fail", "(p=reject dis=quarantine) header.from=trying.test")));
    }

    @Test
    void theVerdictsAreStoredWithEveryDeliveredMessage() {
        bed.dns().txt("_dmarc.watching.test", "v=DMARC1; p=none").txt("watching.test", "v=spf1 -all");
        bed.receive("mx.phish.test", "x@watching.test", "alice@example.com", message("ceo@watching.test"), "250 2.0.0");
        assertThat(bed.mail().checksOfLastMessage()).containsExactly(
                new MessageCheck("spf", "fail", "smtp.mailfrom=x@watching.test"),
                new MessageCheck("dkim", "none", ""),
                new MessageCheck("dmarc", "fail", "(p=none dis=none) header.from=watching.test"));
    }

    @Test
    void aSubdomainGetsTheOrganisationalDomainsSubdomainPolicy() {
        bed.dns().txt("_dmarc.corp.test", "v=DMARC1; p=reject; sp=none");
        bed.receive("mx.phish.test", "x@phish.test", "alice@example.com", message("news@mail.corp.test"), "250 2.0.0");
        assertThat(dmarc()).isEqualTo("dmarc=fail (p=none dis=none) header.from=mail.corp.test");
        bed.receive("mx.phish.test", "x@phish.test", "alice@example.com", message("ceo@corp.test"),
                "550 5.7.1 Message rejected by the DMARC policy of its author domain corp.test");
    }

    @Test
    void thePolicyIsFoundAtTheOrganisationalDomainUnderAPublicSuffixOfSeveralLabels() {
        bed.dns().txt("_dmarc.example.co.uk", "v=DMARC1; p=reject");
        bed.receive("mx.phish.test", "x@phish.test", "alice@example.com", message("ceo@a.b.example.co.uk"),
                "550 5.7.1 Message rejected by the DMARC policy of its author domain a.b.example.co.uk");
        assertThat(bed.dns().questions()).contains("_dmarc.a.b.example.co.uk TXT", "_dmarc.example.co.uk TXT")
                .doesNotContain("_dmarc.b.example.co.uk TXT", "_dmarc.co.uk TXT");
    }

    @Test
    void relaxedAlignmentTakesASubdomainsSignatureAndStrictAlignmentDoesNot() {
        KEY.publish(bed.dns(), "mail.relaxed.test", "s1").publish(bed.dns(), "mail.strict.test", "s1");
        bed.dns().txt("_dmarc.relaxed.test", "v=DMARC1; p=reject")
                .txt("_dmarc.strict.test", "v=DMARC1; p=reject; adkim=s");
        bed.receive("mx.relaxed.test", "x@other.test", "alice@example.com",
                KEY.sign(message("ceo@relaxed.test"), "mail.relaxed.test", "s1"), "250 2.0.0");
        assertThat(dmarc()).isEqualTo("dmarc=pass (p=reject dis=none) header.from=relaxed.test");
        bed.receive("mx.strict.test", "x@other.test", "alice@example.com",
                KEY.sign(message("ceo@strict.test"), "mail.strict.test", "s1"),
                "550 5.7.1 Message rejected by the DMARC policy of its author domain strict.test");
    }

    @Test
    void strictSpfAlignmentWantsTheSameDomainInTheEnvelope() {
        bed.dns().txt("_dmarc.shop.test", "v=DMARC1; p=reject; aspf=s")
                .txt("bounce.shop.test", "v=spf1 ip4:127.0.0.1 -all");
        bed.receive("mx.shop.test", "x@bounce.shop.test", "alice@example.com", message("orders@shop.test"),
                "550 5.7.1 Message rejected by the DMARC policy of its author domain shop.test");
    }

    @Test
    void aDnsFailureWhereAPassCouldHaveSavedARejectedMessageDefersIt() {
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject").failing("bank.test");
        bed.receive("mx.bank.test", "info@bank.test", "alice@example.com", message("info@bank.test"),
                "451 4.7.0 DNS failure while checking the author domain's DMARC policy");
        assertThat(bed.mail().storedMessages()).isZero();
        assertThat(bed.meters().counter("postroom.smtp.refusals", "listener", "smtp-mx", "reason", "dmarc-unverified")
                .count()).isEqualTo(1);
    }

    @Test
    void aDnsFailureNeverRefusesWhereThePolicyWouldNot() {
        bed.dns().txt("_dmarc.careful.test", "v=DMARC1; p=quarantine").failing("careful.test");
        bed.receive("mx.careful.test", "info@careful.test", "alice@example.com", message("info@careful.test"),
                "250 2.0.0");
        assertThat(dmarc()).startsWith("dmarc=temperror reason=\"SPF or DKIM could not be checked\"");
        // the policy itself out of reach: delivered
        bed.dns().failing("_dmarc.unknown.test");
        bed.receive("mx.unknown.test", "info@unknown.test", "alice@example.com", message("info@unknown.test"),
                "250 2.0.0");
        assertThat(dmarc()).isEqualTo("dmarc=temperror reason=\"policy lookup failed\" header.from=unknown.test");
    }

    @Test
    void everyFromFieldIsCheckedSoASecondOneCannotHideAnAuthor() {
        bed.dns().txt("_dmarc.bank.test", "v=DMARC1; p=reject").txt("phish.test", "v=spf1 ip4:127.0.0.1 -all");
        bed.receive("mx.phish.test", "x@phish.test", "alice@example.com",
                "From: x@phish.test\r\nFrom: Bank <info@bank.test>\r\nSubject: hi\r\n\r\nhello\r\n",
                "550 5.7.1 Message rejected by the DMARC policy of its author domain bank.test");
    }

    @Test
    void aMessageWithoutFromHasNoDmarcVerdict() {
        bed.receive("mx.elsewhere.test", "x@elsewhere.test", "alice@example.com", "Subject: no author\r\n\r\nhi\r\n",
                "250 2.0.0");
        assertThat(dmarc()).isEqualTo("dmarc=none");
    }
}

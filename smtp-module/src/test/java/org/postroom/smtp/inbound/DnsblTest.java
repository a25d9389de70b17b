package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.inbound.senders.Dnsbl;
import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.storage.senders.SenderAction;
import org.postroom.storage.senders.SenderList;

/**
 * DNS blocklists of the client's address on port 25, asked of a DNS server in the test: the test's
 * client is 127.0.0.1, so its name in the list {@code bl.test} is {@code 1.0.0.127.bl.test}.
 */
class DnsblTest {

    private static final String LISTED_NAME = "1.0.0.127.bl.test";
    private static final Duration DNS_TIMEOUT = Duration.ofMillis(400);

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private TestDnsServer dns;

    @BeforeEach
    void startDns() throws Exception {
        dns = new TestDnsServer();
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private Dnsbl dnsbl(String... zones) {
        return new Dnsbl(List.of(zones), dns.dnsResolver(DNS_TIMEOUT), DNS_TIMEOUT, bed.meters());
    }

    private SmtpTranscript mailFrom(Dnsbl dnsbl, String sender) {
        SmtpTranscript smtp = SmtpTranscript.connect(bed.mx(dnsbl).port());
        smtp.ehlo("mx.elsewhere.test");
        smtp.send("MAIL FROM:<" + sender + ">").expect("250 2.1.0");
        return smtp;
    }

    private double lookups(String zone, String result) {
        var counter = bed.meters().find("postroom.smtp.dnsbl.lookups").tag("zone", zone).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aListedClientIsRefusedAtRcptNamingTheListAndItsReasonMadePrintable() throws Exception {
        dns.a(LISTED_NAME, "127.0.0.2").txt(LISTED_NAME, "Listed for spam\r\n250 fake\u0007, see https://bl.test/?127.0.0.1");
        try (SmtpTranscript smtp = mailFrom(dnsbl("bl.test"), "someone@elsewhere.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("554 5.7.1");
            assertThat(smtp.reply()).containsExactly("554 5.7.1 Client host listed by a DNS blocklist: [127.0.0.1] in"
                    + " bl.test; Listed for spam 250 fake?, see https://bl.test/?127.0.0.1");
        }
        assertThat(lookups("bl.test", "listed")).isEqualTo(1);
        assertThat(bed.meters().find("postroom.smtp.refusals").tag("reason", "dnsbl-listed").counter().count())
                .isEqualTo(1);
        assertThat(dns.questions()).contains(LISTED_NAME + " A", LISTED_NAME + " TXT");
    }

    @Test
    void aListedClientStillReachesPostmasterAndAbuse() throws Exception {
        dns.a(LISTED_NAME, "127.0.0.4");
        bed.mail().domains().setPostmasterTarget("example.com", "bob@example.com");
        try (SmtpTranscript smtp = mailFrom(dnsbl("bl.test"), "someone@elsewhere.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("554 5.7.1 Client host listed by a DNS blocklist: "
                    + "[127.0.0.1] in bl.test");
            smtp.send("RCPT TO:<postmaster@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<abuse@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw("Subject: please delist us\r\n\r\nThanks.\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("bob@example.com")).hasSize(1);
    }

    @Test
    void aSenderOnTheRecipientsAllowListIsNotRefusedForTheListing() throws Exception {
        dns.a(LISTED_NAME, "127.0.0.2");
        bed.mail().senderLists().put(SenderList.ofUser("alice@example.com"), "@partner.test", SenderAction.ALLOW);
        try (SmtpTranscript smtp = mailFrom(dnsbl("bl.test"), "friend@partner.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<bob@example.com>").expect("554 5.7.1");
        }
    }

    @Test
    void aClientNotListedIsAccepted() {
        try (SmtpTranscript smtp = mailFrom(dnsbl("bl.test"), "someone@elsewhere.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
        }
        assertThat(lookups("bl.test", "clear")).isEqualTo(1);
        assertThat(dns.questions()).containsExactly(LISTED_NAME + " A");
    }

    @Test
    void anAnswerInTheErrorRangeIsNoListingButCountedAndLoggedOnce() throws Exception {
        // Spamhaus: 127.255.255.254, the query came through a public resolver
        dns.a(LISTED_NAME, "127.255.255.254");
        Dnsbl dnsbl = dnsbl("bl.test");
        for (int session = 0; session < 2; session++) {
            try (SmtpTranscript smtp = mailFrom(dnsbl, "someone@elsewhere.test")) {
                smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            }
        }
        assertThat(lookups("bl.test", "error")).isEqualTo(2);
        assertThat(lookups("bl.test", "listed")).isZero();
        assertThat(bed.log().messages("org.postroom.smtp.inbound.senders.Dnsbl"))
                .singleElement().asString().contains("bl.test", "127.255.255.254", "public resolvers");
    }

    @Test
    void aFailingOrSilentListIsNoListingButCounted() {
        dns.failing(LISTED_NAME);
        dns.silent("1.0.0.127.slow.test");
        try (SmtpTranscript smtp = mailFrom(dnsbl("bl.test", "slow.test"), "someone@elsewhere.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
        }
        assertThat(lookups("bl.test", "error")).isEqualTo(1);
        assertThat(lookups("slow.test", "error")).isEqualTo(1);
    }

    @Test
    void withTheDnsServerDownEveryClientIsAcceptedAndTheFailuresCounted() {
        Dnsbl dnsbl = dnsbl("bl.test");
        dns.close();
        try (SmtpTranscript smtp = mailFrom(dnsbl, "someone@elsewhere.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw("Subject: hi\r\n\r\nhello\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(lookups("bl.test", "error")).isEqualTo(1);
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
    }

    @Test
    void theFirstZoneThatListsTheClientIsNamedAndEachAskedOncePerSession() throws Exception {
        dns.a("1.0.0.127.second.test", "127.0.0.3").a("1.0.0.127.third.test", "127.0.0.2");
        try (SmtpTranscript smtp = mailFrom(dnsbl("first.test", "second.test", "third.test"), "someone@elsewhere.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("554 5.7.1 Client host listed by a DNS blocklist: "
                    + "[127.0.0.1] in second.test");
            smtp.send("RCPT TO:<bob@example.com>").expect("554 5.7.1");
        }
        assertThat(dns.questions()).filteredOn(question -> question.endsWith(" A")).containsExactlyInAnyOrder(
                "1.0.0.127.first.test A", "1.0.0.127.second.test A", "1.0.0.127.third.test A");
    }

    @Test
    void aBlockEntryRefusesBeforeTheListIsConsulted() throws Exception {
        dns.a(LISTED_NAME, "127.0.0.2");
        bed.mail().senderLists().put(SenderList.ofDomain("example.com"), "someone@elsewhere.test", SenderAction.BLOCK);
        try (SmtpTranscript smtp = mailFrom(dnsbl("bl.test"), "someone@elsewhere.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("550 5.7.1 Sender blocked");
        }
    }
}

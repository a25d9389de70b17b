package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPF (RFC 7208) on port 25: the client 127.0.0.1 checked against the MAIL FROM domain's record on
 * the test DNS server. SPF alone refuses nothing (DMARC and the own-domain rule decide): every
 * message is stored, with its verdict in the Authentication-Results field.
 */
class SpfTranscriptTest {

    private static final String MESSAGE = "From: someone@elsewhere.test\r\nSubject: spf\r\n\r\nhello\r\n";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "pass      | v=spf1 ip4:127.0.0.0/8 -all",
            "fail      | v=spf1 ip4:192.0.2.0/24 -all",
            "softfail  | v=spf1 ~all",
            "neutral   | v=spf1 ?all",
            // RFC 7208 §4.6.4: an address that is none is a syntax error
            "permerror | v=spf1 ip4:300.1.1.1 -all",
            // a mechanism this server does not know, with the record otherwise fine
            "permerror | v=spf1 frobnicate:x -all",
    })
    void theVerdictOnTheSendersDomainIsRecordedAndTheMessageStored(String verdict, String record) {
        bed.dns().txt("spf.elsewhere.test", record);
        bed.receive("mx.elsewhere.test", "someone@spf.elsewhere.test", "alice@example.com", MESSAGE, "250 2.0.0");
        assertThat(bed.authenticationResults("alice@example.com"))
                .startsWith("spf=" + verdict + " smtp.mailfrom=someone@spf.elsewhere.test");
    }

    @Test
    void aDomainWithoutSpfRecordIsNone() {
        bed.dns().txt("plain.elsewhere.test", "some other text");
        bed.receive("mx.elsewhere.test", "someone@plain.elsewhere.test", "alice@example.com", MESSAGE, "250 2.0.0");
        bed.receive("mx.elsewhere.test", "someone@nowhere.elsewhere.test", "alice@example.com", MESSAGE, "250 2.0.0");
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(2);
        assertThat(bed.authenticationResults("alice@example.com"))
                .startsWith("spf=none smtp.mailfrom=someone@nowhere.elsewhere.test");
    }

    @Test
    void twoSpfRecordsAreAPermanentError() {
        bed.dns().txt("two.elsewhere.test", "v=spf1 -all").txt("two.elsewhere.test", "v=spf1 +all");
        bed.receive("mx.elsewhere.test", "someone@two.elsewhere.test", "alice@example.com", MESSAGE, "250 2.0.0");
        assertThat(bed.authenticationResults("alice@example.com")).first().asString().startsWith("spf=permerror");
    }

    @Test
    void aFailingDnsServerIsATemporaryErrorAndTheMessageIsStillTaken() {
        bed.dns().failing("broken.elsewhere.test");
        bed.receive("mx.elsewhere.test", "someone@broken.elsewhere.test", "alice@example.com", MESSAGE, "250 2.0.0");
        assertThat(bed.authenticationResults("alice@example.com"))
                .startsWith("spf=temperror smtp.mailfrom=someone@broken.elsewhere.test");
        assertThat(bed.meters().counter("postroom.smtp.authentication", "method", "spf", "result", "temperror").count())
                .isEqualTo(1);
    }

    @Test
    void theNullSenderIsCheckedByItsHeloName() throws Exception {
        // RFC 7208 §2.4: a bounce has no MAIL FROM domain; the HELO name stands for it
        bed.dns().txt("mx.bounces.test", "v=spf1 a -all").a("mx.bounces.test", "127.0.0.1");
        bed.receive("mx.bounces.test", "", "alice@example.com", MESSAGE, "250 2.0.0");
        assertThat(bed.authenticationResults("alice@example.com")).startsWith("spf=pass smtp.helo=mx.bounces.test");
        // an address literal names no domain to ask
        bed.receive("[127.0.0.1]", "", "alice@example.com", MESSAGE, "250 2.0.0");
        assertThat(bed.authenticationResults("alice@example.com")).startsWith("spf=none smtp.helo=\"[127.0.0.1]\"");
    }
}

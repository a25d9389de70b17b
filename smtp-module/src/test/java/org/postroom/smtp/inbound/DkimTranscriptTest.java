package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.testing.TestDkimKey;

/**
 * DKIM (RFC 6376) on port 25: every signature of a message signed inside the test with a 2048-bit
 * key published on the test DNS server (too long for a UDP answer without EDNS), one verdict each
 * in the Authentication-Results field. DKIM alone refuses nothing.
 */
class DkimTranscriptTest {

    private static final TestDkimKey KEY = TestDkimKey.generate();
    private static final TestDkimKey OTHER_KEY = TestDkimKey.generate();
    private static final String MESSAGE = "From: Someone <someone@signed.test>\r\nTo: alice@example.com\r\n"
            + "Subject: signed\r\nDate: Thu, 26 Nov 2026 08:00:00 +0000\r\nMessage-ID: <1@signed.test>\r\n"
            + "\r\nhello\r\n";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private void receive(String message) {
        bed.receive("mx.signed.test", "someone@signed.test", "alice@example.com", message, "250 2.0.0");
    }

    private String dkim() {
        return bed.authenticationResults("alice@example.com").get(1);
    }

    @Test
    void anUntouchedSignaturePasses() {
        KEY.publish(bed.dns(), "signed.test", "s1");
        receive(KEY.sign(MESSAGE, "signed.test", "s1"));
        assertThat(dkim()).matches("dkim=pass header\\.d=signed\\.test header\\.s=s1 header\\.b=([A-Za-z0-9+]{12}|\"[A-Za-z0-9+/]{12}\")");
        assertThat(bed.meters().counter("postroom.smtp.authentication", "method", "dkim", "result", "pass").count())
                .isEqualTo(1);
    }

    @Test
    void anAlteredBodyFails() {
        KEY.publish(bed.dns(), "signed.test", "s1");
        receive(KEY.sign(MESSAGE, "signed.test", "s1").replace("hello", "hello, changed on the way"));
        assertThat(dkim()).startsWith("dkim=fail reason=\"Computed bodyhash is different from the expected one\""
                + " header.d=signed.test header.s=s1");
    }

    @Test
    void anAlteredSignedHeaderFails() {
        KEY.publish(bed.dns(), "signed.test", "s1");
        receive(KEY.sign(MESSAGE, "signed.test", "s1").replace("Subject: signed", "Subject: forged"));
        assertThat(dkim()).startsWith("dkim=fail reason=\"Header signature does not verify\" header.d=signed.test");
    }

    @Test
    void aKeyThatIsNotPublishedIsAPermanentError() {
        receive(KEY.sign(MESSAGE, "signed.test", "gone"));
        assertThat(dkim()).startsWith("dkim=permerror reason=\"no key for signature\" header.d=signed.test header.s=gone");
    }

    @Test
    void aRevokedKeyIsAPermanentError() {
        bed.dns().txt("old._domainkey.signed.test", "v=DKIM1; k=rsa; p=");
        receive(KEY.sign(MESSAGE, "signed.test", "old"));
        assertThat(dkim()).startsWith("dkim=permerror reason=\"key revoked\" header.d=signed.test header.s=old");
    }

    @Test
    void aKeyLookupThatFailsIsATemporaryError() {
        bed.dns().failing("s1._domainkey.signed.test");
        receive(KEY.sign(MESSAGE, "signed.test", "s1"));
        assertThat(dkim()).startsWith("dkim=temperror").contains("header.d=signed.test header.s=s1");
    }

    @Test
    void ofTwoSignaturesEachGetsItsOwnVerdictInTheMessagesOrder() {
        KEY.publish(bed.dns(), "signed.test", "s1");
        // the outer signature's key is not the one published for its selector: it fails
        OTHER_KEY.publish(bed.dns(), "list.test", "s2");
        String twice = KEY.sign(KEY.sign(MESSAGE, "signed.test", "s1"), "list.test", "s2");
        receive(twice);
        assertThat(bed.authenticationResults("alice@example.com")).satisfiesExactly(
                spf -> assertThat(spf).startsWith("spf="),
                outer -> assertThat(outer).startsWith("dkim=fail reason=\"Header signature does not verify\" header.d=list.test"),
                inner -> assertThat(inner).startsWith("dkim=pass header.d=signed.test header.s=s1"),
                dmarc -> assertThat(dmarc).startsWith("dmarc="));
    }

    @Test
    void aMessageWithoutSignatureHasNone() {
        receive(MESSAGE);
        assertThat(dkim()).isEqualTo("dkim=none");
    }
}

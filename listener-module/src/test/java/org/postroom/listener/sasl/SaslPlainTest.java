package org.postroom.listener.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.postroom.listener.sasl.SaslPlain.Login;
import org.postroom.listener.sasl.SaslPlain.Malformed;
import org.postroom.listener.sasl.SaslPlain.OtherIdentity;

/** RFC 4616 §2 as SMTP and POP3 both read it. */
class SaslPlainTest {

    @Test
    void anEmptyOrRepeatedAuthorizationIdLogsInAsTheAuthenticationId() {
        assertThat(SaslPlain.decode(base64("\0alice@example.com\0secret"))).isEqualTo(new Login("alice@example.com", "secret"));
        assertThat(SaslPlain.decode(base64("Alice@Example.com\0alice@example.com\0secret")))
                .isEqualTo(new Login("alice@example.com", "secret"));
    }

    @Test
    void thePasswordIsUtf8AndMayHoldSpaces() {
        assertThat(SaslPlain.decode(base64("\0jörg@example.com\0pässwort mit leerzeichen ")))
                .isEqualTo(new Login("jörg@example.com", "pässwort mit leerzeichen "));
    }

    @Test
    void anotherAuthorizationIdIsRefusedAsActingForSomeoneElse() {
        assertThat(SaslPlain.decode(base64("bob@example.com\0alice@example.com\0secret")))
                .isEqualTo(new OtherIdentity("bob@example.com"));
    }

    @Test
    void everythingElseIsMalformedWithTheReason() {
        assertThat(SaslPlain.decode("!!!")).isEqualTo(new Malformed("not base64"));
        assertThat(SaslPlain.decode("=")).isEqualTo(new Malformed("empty response"));
        assertThat(SaslPlain.decode(Base64.getEncoder().encodeToString(new byte[] { 0, 'a', 0, (byte) 0xC3 })))
                .isEqualTo(new Malformed("not UTF-8"));
        assertThat(SaslPlain.decode(base64("alice@example.com secret"))).isEqualTo(
                new Malformed("not authzid NUL login NUL password"));
        assertThat(SaslPlain.decode(base64("\0alice@example.com\0sec\0ret"))).isEqualTo(
                new Malformed("not authzid NUL login NUL password"));
        assertThat(SaslPlain.decode(base64("\0\0secret"))).isEqualTo(new Malformed("empty login"));
        assertThat(SaslPlain.decode(base64("\0alice@example.com\0"))).isEqualTo(new Malformed("empty password"));
    }

    @Test
    void aSingleFieldIsTextOrNothing() {
        assertThat(SaslPlain.text(base64("alice@example.com"))).contains("alice@example.com");
        assertThat(SaslPlain.text("=")).isEmpty();
        assertThat(SaslPlain.text("%%%")).isEmpty();
        assertThat(SaslPlain.text(Base64.getEncoder().encodeToString(new byte[] { (byte) 0xFF }))).isEmpty();
    }

    @Test
    void thePasswordNeverShowsInALogLine() {
        assertThat(new Login("alice@example.com", "secret").toString()).doesNotContain("secret");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

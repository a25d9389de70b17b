package org.postroom.smtp.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiagnosisTest {

    @Test
    void theEnhancedStatusCodeOfAReplyIsItsStatus() {
        Diagnosis reply = Diagnosis.remote(550, "550 5.1.1 <bob@far.example>: no such user\n");
        assertThat(reply.status()).isEqualTo("5.1.1");
        assertThat(reply.text()).isEqualTo("550 5.1.1 <bob@far.example>: no such user");
        assertThat(reply.isPermanent()).isTrue();
        assertThat(reply.fromRemote()).isTrue();
    }

    @Test
    void aReplyWithoutEnhancedCodeGetsTheGenericStatusOfItsClass() {
        assertThat(Diagnosis.remote(451, "451 try later").status()).isEqualTo("4.0.0");
        assertThat(Diagnosis.remote(552, "552 too big").isPermanent()).isTrue();
    }

    @Test
    void aMultiLineReplyBecomesOneLine() {
        assertThat(Diagnosis.remote(550, "550-5.7.1 first line\r\n550 5.7.1 second line\r\n").text())
                .isEqualTo("550-5.7.1 first line 550 5.7.1 second line");
    }

    @Test
    void aHostileReplyCannotInjectLineBreaksOrControlCharacters() {
        Diagnosis reply = Diagnosis.remote(550, "550 5.0.0 x\rInjected: yes\u0000\u001b[31m\u00e9");
        assertThat(reply.text()).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000")
                .doesNotContain("\u001b").isEqualTo("550 5.0.0 x Injected: yes??[31m?");
    }

    @Test
    void anOverlongReplyIsCut() {
        assertThat(Diagnosis.remote(550, "550 " + "x".repeat(5000)).text()).hasSizeLessThanOrEqualTo(500);
    }

    @Test
    void aReplyTextWithoutItsCodeIsGivenIt() {
        assertThat(Diagnosis.remote(421, "").text()).isEqualTo("421");
        assertThat(Diagnosis.remote(421, "service closing").text()).isEqualTo("421 service closing");
    }

    @Test
    void aReplyCodeNoServerMaySendIsATemporaryFailure() {
        assertThat(Diagnosis.remote(999, "999 5.1.1 what").status()).isEqualTo("4.0.0");
        // a reply that is no refusal where a refusal stands (found by RemoteRepliesFuzzTest: 354 to
        // MAIL): RFC 3463 has no class 3, and a 2xx is no reason not to deliver
        assertThat(Diagnosis.remote(354, "354 go").status()).isEqualTo("4.0.0");
        assertThat(Diagnosis.remote(334, "334 VXNlcm5hbWU6").status()).isEqualTo("4.0.0");
        assertThat(Diagnosis.remote(252, "252 2.1.5 cannot verify").status()).isEqualTo("4.0.0");
    }

    @Test
    void postroomsOwnFindingsTakeTheClassFromTheirPermanence() {
        assertThat(Diagnosis.temporary(Codes.SE_NET4_NO_ANSWER1, "no connection\r\nto x"))
                .isEqualTo(new Diagnosis("4.4.1", "no connection to x", false));
        assertThat(Diagnosis.permanent(Codes.SE_ADDR1_NULL_MX10, "null MX").isPermanent()).isTrue();
    }
}

package org.postroom.smtp.outbound.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.smtp.outbound.mtasts.MtaStsPolicy.Mode;

/** The policy file format of RFC 8461 §3.2, read strictly, and the MX matching of §4.1. */
class MtaStsPolicyTest {

    @Test
    void aPolicyWithCrlfOrLfLinesIsRead() {
        MtaStsPolicy policy = MtaStsPolicy.parse("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
                + "mx: *.Example.NET.\r\nmax_age: 86400\r\n");
        assertThat(policy).isEqualTo(new MtaStsPolicy(Mode.ENFORCE, List.of("mail.example.com",
                "*.example.net"), Duration.ofDays(1)));
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 0").mode())
                .isEqualTo(Mode.TESTING);
    }

    @Test
    void unknownFieldsAreSkippedAndARepeatedFieldCountsTheFirstTime() {
        MtaStsPolicy policy = MtaStsPolicy.parse("version: STSv1\nmode: testing\nmode: enforce\nextension: x\n"
                + "mx: a.example\nmax_age: 60\n");
        assertThat(policy.mode()).isEqualTo(Mode.TESTING);
    }

    @Test
    void aModeNoneNeedsNoMx() {
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 60\n").mx()).isEmpty();
    }

    @Test
    void everyDeviationIsRefusedWithItsReason() {
        assertRefused("mode: enforce\nmx: a.example\nmax_age: 60\n", "version is not STSv1");
        assertRefused("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 60\n", "version is not STSv1");
        assertRefused("version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 60\n", "mode is not");
        assertRefused("version: STSv1\nmode: enforce\nmax_age: 60\n", "names no mx");
        assertRefused("version: STSv1\nmode: enforce\nmx: a.example\n", "max_age");
        assertRefused("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n", "max_age");
        assertRefused("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n", "max_age");
        assertRefused("version: STSv1\nmode: enforce\nmx: a.*.example\nmax_age: 60\n", "not a host name pattern");
        assertRefused("version: STSv1\nmode: enforce\nmx: *\nmax_age: 60\n", "not a host name pattern");
        assertRefused("<html>\nversion: STSv1\n", "not key: value");
    }

    @Test
    void aWildcardStandsForExactlyOneLeftmostLabel() {
        MtaStsPolicy policy = new MtaStsPolicy(Mode.ENFORCE, List.of("*.example.com", "mx.example.net"),
                Duration.ofDays(1));
        assertThat(policy.permits("mx1.example.com")).isTrue();
        assertThat(policy.permits("MX1.Example.COM.")).isTrue();
        assertThat(policy.permits("example.com")).isFalse();
        assertThat(policy.permits("a.mx1.example.com")).isFalse();
        assertThat(policy.permits("mx1example.com")).isFalse();
        assertThat(policy.permits("mx.example.net")).isTrue();
        assertThat(policy.permits("a.mx.example.net")).isFalse();
    }

    private static void assertRefused(String text, String reason) {
        assertThatThrownBy(() -> MtaStsPolicy.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}

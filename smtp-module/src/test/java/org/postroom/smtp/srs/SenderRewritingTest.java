package org.postroom.smtp.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.postroom.smtp.srs.Reversal.NotRewritten;
import org.postroom.smtp.srs.Reversal.Original;
import org.postroom.smtp.srs.Reversal.Reason;
import org.postroom.smtp.srs.Reversal.Refused;

class SenderRewritingTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final byte[] SECRET = "a secret of this installation".getBytes(StandardCharsets.US_ASCII);

    private final SenderRewriting srs = at(NOW, SECRET);

    private static SenderRewriting at(Instant when, byte[] secret) {
        return new SenderRewriting(secret, Clock.fixed(when, ZoneOffset.UTC));
    }

    @Test
    void anAddressIsRewrittenIntoSrs0AtTheForwardingDomainAndBack() {
        String rewritten = srs.forward("alice@remote.test", "example.com");
        assertThat(rewritten).matches("SRS0=[A-Za-z0-9+/]{6}=[A-Z2-7]{2}=remote\\.test=alice@example\\.com");
        assertThat(srs.reverse(rewritten)).isEqualTo(new Original("alice@remote.test"));
    }

    @Test
    void theTimestampIsTheDayInBase32() {
        // 2026-11-26 is day 20,783 since the epoch; modulo 1024 that is 303 = 9 * 32 + 15: "J" and "P"
        assertThat(srs.forward("alice@remote.test", "example.com")).contains("=JP=remote.test=");
    }

    @Test
    void aLocalPartWithSeparatorsSurvivesTheRoundTrip() {
        String rewritten = srs.forward("a=b+c-d@remote.test", "example.com");
        assertThat(srs.reverse(rewritten)).isEqualTo(new Original("a=b+c-d@remote.test"));
    }

    @Test
    void anotherForwardersSrs0BecomesSrs1ThatLeadsBackToThatForwarder() {
        SenderRewriting first = at(NOW, "the first forwarder's own secret".getBytes(StandardCharsets.US_ASCII));
        String theirs = first.forward("alice@remote.test", "fwd1.test");
        String ours = srs.forward(theirs, "example.com");
        String theirsAfterTag = theirs.substring(4, theirs.indexOf('@'));
        assertThat(ours).matches("SRS1=[A-Za-z0-9+/]{6}=fwd1\\.test=" + quoted(theirsAfterTag) + "@example\\.com");
        // a bounce to ours goes back to the first forwarder, which turns it into the original
        assertThat(srs.reverse(ours)).isEqualTo(new Original(theirs));
        assertThat(first.reverse(theirs)).isEqualTo(new Original("alice@remote.test"));
    }

    @Test
    void anotherForwardersSrs1KeepsTheFirstForwarderAndIsSignedAnew() {
        SenderRewriting second = at(NOW, "the second forwarder's own secret".getBytes(StandardCharsets.US_ASCII));
        String theirSrs0 = "SRS0=abcd=4C=remote.test=alice@fwd1.test";
        String theirSrs1 = second.forward(theirSrs0, "fwd2.test");
        String ours = srs.forward(theirSrs1, "example.com");
        assertThat(ours).matches("SRS1=[A-Za-z0-9+/]{6}=fwd1\\.test==abcd=4C=remote\\.test=alice@example\\.com");
        assertThat(ours).isNotEqualTo(theirSrs1.replace("fwd2.test", "example.com"));
        assertThat(srs.reverse(ours)).isEqualTo(new Original(theirSrs0));
    }

    @Test
    void aChangedOrMadeUpHashIsAForgery() {
        String rewritten = srs.forward("alice@remote.test", "example.com");
        char first = rewritten.charAt(5);
        String changed = rewritten.substring(0, 5) + (first == 'A' ? 'B' : 'A') + rewritten.substring(6);
        assertThat(srs.reverse(changed)).isEqualTo(new Refused(Reason.FORGED));
        assertThat(srs.reverse(rewritten.replace("=alice@", "=mallory@"))).isEqualTo(new Refused(Reason.FORGED));
        assertThat(srs.reverse("SRS0=AAAAAA=4C=remote.test=alice@example.com")).isEqualTo(new Refused(Reason.FORGED));
        SenderRewriting elsewhere = at(NOW, "another installation's secret".getBytes(StandardCharsets.US_ASCII));
        assertThat(elsewhere.reverse(rewritten)).isEqualTo(new Refused(Reason.FORGED));
        String srs1 = srs.forward("SRS0=abcd=4C=remote.test=alice@fwd1.test", "example.com");
        assertThat(srs.reverse(srs1.replace("fwd1.test", "evil.test"))).isEqualTo(new Refused(Reason.FORGED));
    }

    @Test
    void anAddressOlderThanTheMaximumAgeHasExpired() {
        String rewritten = srs.forward("alice@remote.test", "example.com");
        assertThat(at(NOW.plus(SenderRewriting.MAX_AGE), SECRET).reverse(rewritten))
                .isEqualTo(new Original("alice@remote.test"));
        assertThat(at(NOW.plus(SenderRewriting.MAX_AGE).plus(Duration.ofDays(1)), SECRET).reverse(rewritten))
                .isEqualTo(new Refused(Reason.EXPIRED));
        // a timestamp from the future is as good as one from 1023 days ago
        assertThat(at(NOW.minus(Duration.ofDays(1)), SECRET).reverse(rewritten)).isEqualTo(new Refused(Reason.EXPIRED));
    }

    @Test
    void theTimestampWrapsAfter1024Days() {
        Instant lastDayOfACycle = Instant.EPOCH.plus(Duration.ofDays(1024 * 20 - 1));
        String rewritten = at(lastDayOfACycle, SECRET).forward("alice@remote.test", "example.com");
        assertThat(rewritten).contains("=77=");
        assertThat(at(lastDayOfACycle.plus(Duration.ofDays(3)), SECRET).reverse(rewritten))
                .isEqualTo(new Original("alice@remote.test"));
    }

    @Test
    void relaysThatChangeTheCaseOfTheAddressDoNotBreakIt() {
        String rewritten = srs.forward("Alice@Remote.Test", "example.com");
        assertThat(srs.reverse(rewritten.toLowerCase(Locale.ROOT))).isEqualTo(new Original("alice@remote.test"));
        assertThat(srs.reverse(rewritten.toUpperCase(Locale.ROOT))).isEqualTo(new Original("ALICE@REMOTE.TEST"));
        String srs1 = srs.forward("SRS0=abcd=4C=remote.test=alice@fwd1.test", "example.com");
        assertThat(srs.reverse(srs1.toLowerCase(Locale.ROOT)))
                .isEqualTo(new Original("SRS0=abcd=4c=remote.test=alice@fwd1.test"));
    }

    @Test
    void otherSeparatorsAfterTheTagAreUnderstood() {
        String rewritten = srs.forward("alice@remote.test", "example.com");
        assertThat(srs.reverse("SRS0+" + rewritten.substring(5))).isEqualTo(new Original("alice@remote.test"));
        assertThat(srs.reverse("srs0-" + rewritten.substring(5))).isEqualTo(new Original("alice@remote.test"));
    }

    @Test
    void ordinaryAndBrokenAddressesAreToldApart() {
        assertThat(srs.reverse("alice@example.com")).isEqualTo(new NotRewritten());
        assertThat(srs.reverse("srs0fan@example.com")).isEqualTo(new NotRewritten());
        assertThat(srs.reverse("SRS0=abcdef@example.com")).isEqualTo(new Refused(Reason.MALFORMED));
        assertThat(srs.reverse("SRS0=abcdef=4=remote.test=alice@example.com")).isEqualTo(new Refused(Reason.MALFORMED));
        assertThat(srs.reverse("SRS0=abcdef=4C==alice@example.com")).isEqualTo(new Refused(Reason.MALFORMED));
        assertThat(srs.reverse("SRS1=abcdef=fwd1.test@example.com")).isEqualTo(new Refused(Reason.MALFORMED));
    }

    @Test
    void aChangedTimestampIsAForgery() {
        // the hash covers the timestamp: an expired address cannot be made young again
        String rewritten = srs.forward("alice@remote.test", "example.com");
        assertThat(srs.reverse(rewritten.replace("=JP=", "=JQ="))).isEqualTo(new Refused(Reason.FORGED));
    }

    @Test
    void theNullSenderAndAddressesWithoutADomainAreNotRewritten() {
        assertThatThrownBy(() -> srs.forward("", "example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> srs.forward("postmaster", "example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new SenderRewriting(new byte[8], Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String quoted(String text) {
        return Pattern.quote(text);
    }
}

package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.listener.ListenerSettings;

/** The listener's own refusals speak SMTP: a 421 with an enhanced status code, then the close. */
class ListenerLimitsTest {

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private TestListener mxWith(Function<ListenerSettings.Builder, ListenerSettings.Builder> limits) {
        return bed.started(TestListener.serving(InboundChains.mx(bed.settings(), bed.services()), SmtpListeners::mx, limits));
    }

    @Test
    void aSilentClientIsToldAndDisconnectedAfterTheIdleTimeout() {
        TestListener listener = mxWith(settings -> settings.idleTimeout(Duration.ofSeconds(1)));
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("client.elsewhere.test");
            smtp.expect("421 4.4.2 mx.postroom.test Idle too long");
            smtp.expectClosed();
        }
    }

    @Test
    void aCommandTrickledByteByByteIsCutOffAtTheCommandTimeoutAndNeverRuns() {
        TestListener listener = mxWith(settings -> settings.commandTimeout(Duration.ofSeconds(2)));
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("client.elsewhere.test");
            Duration waited = smtp.trickle("MAIL FROM:<slow@elsewhere.test>\r\n");
            smtp.expect("421 4.4.2 mx.postroom.test Command not completed in time");
            smtp.expectClosed();
            assertThat(waited).isLessThan(Duration.ofSeconds(4));
        }
        assertThat(bed.log().messages("org.postroom.listener.ClientPace")).singleElement().asString()
                .contains("a command line not completed within PT2S");
        // the session's own log line and the refusal count name the reason too
        assertThat(bed.sessionLines()).singleElement().asString()
                .contains("outcome=\"closed by server with 421 4.4.2\"", "refused={command-timeout=1}");
        assertThat(bed.meters().get("postroom.smtp.refusals").tags("listener", "smtp-mx", "reason", "command-timeout")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aMessageTrickledBelowTheMinimumDataRateIsCutOffAndNothingIsStored() {
        TestListener listener = mxWith(settings -> settings.commandTimeout(Duration.ofSeconds(2))
                .minDataRate(1024, Duration.ofSeconds(2)));
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<slow@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            // lines of three octets: each one slower than the command timeout, all of them too slow
            smtp.trickle("a\r\nb\r\nc\r\nd\r\ne\r\n.\r\n");
            smtp.expect("421 4.4.2 mx.postroom.test Data arriving too slowly");
            smtp.expectClosed();
        }
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @Test
    void aLargeMessageAtASteadyRateIsTakenThoughItsLinesTakeLongerThanTheCommandTimeout() {
        TestListener listener = mxWith(settings -> settings.commandTimeout(Duration.ofSeconds(1))
                .minDataRate(1024, Duration.ofSeconds(1)));
        String line = "z".repeat(3998) + "\r\n";
        String message = "From: far@elsewhere.test\r\nSubject: steady\r\n\r\n" + line.repeat(4);
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            // about 3 KB a second: three times the minimum rate, yet 1.3 s for each line
            for (int sent = 0; sent < message.length(); sent += 300) {
                smtp.raw(message.substring(sent, Math.min(message.length(), sent + 300)));
                assertThat(smtp.inputWithin(Duration.ofMillis(100))).as("a reply before the end of the data").isFalse();
            }
            smtp.raw(".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).singleElement()
                .satisfies(m -> assertThat(new String(m, StandardCharsets.US_ASCII)).contains("Subject: steady"));
    }

    @Test
    void aClientOverItsShareOfConnectionsIsToldToComeBackLater() {
        TestListener listener = mxWith(settings -> settings.maxConnectionsPerAddress(2));
        try (SmtpTranscript first = SmtpTranscript.connect(listener.port());
                SmtpTranscript second = SmtpTranscript.connect(listener.port());
                SmtpTranscript third = SmtpTranscript.refused(listener.port())) {
            third.expect("421 4.7.0 mx.postroom.test Too many connections from your address");
            third.expectClosed();
            first.send("NOOP").expect("250");
            second.send("NOOP").expect("250");
        }
    }

    @Test
    void aFullListenerRefusesWith421() {
        TestListener listener = mxWith(settings -> settings.maxConnections(1));
        try (SmtpTranscript first = SmtpTranscript.connect(listener.port());
                SmtpTranscript second = SmtpTranscript.refused(listener.port())) {
            second.expect("421 4.7.0 mx.postroom.test Too many connections");
            second.expectClosed();
            assertThat(first.send("NOOP").expect("250").reply()).hasSize(1);
        }
    }
}

package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

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

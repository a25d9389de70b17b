package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The listener's own refusals speak SMTP: a 421 with an enhanced status code, then the close. */
class ListenerLimitsTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @TempDir
    Path spool;

    private final TestMailSystem mail = TestMailSystem.create();
    private TestListener listener;

    @AfterEach
    void close() {
        listener.close();
        mail.close();
    }

    private InboundProtocol mx() {
        return InboundChains.mx(new InboundSettings(TestListener.HOSTNAME, 1024 * 1024, 100),
                mail.services(new Spool(spool), mail.throttle(10, Duration.ZERO)));
    }

    @Test
    void aSilentClientIsToldAndDisconnectedAfterTheIdleTimeout() {
        listener = TestListener.serving(mx(), SmtpListeners::mx, settings -> settings.idleTimeout(Duration.ofSeconds(1)));
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("client.elsewhere.test");
            smtp.expect("421 4.4.2 mx.postroom.test Idle too long");
            smtp.expectClosed();
        }
    }

    @Test
    void aClientOverItsShareOfConnectionsIsToldToComeBackLater() {
        listener = TestListener.serving(mx(), SmtpListeners::mx, settings -> settings.maxConnectionsPerAddress(2));
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
        listener = TestListener.serving(mx(), SmtpListeners::mx, settings -> settings.maxConnections(1));
        try (SmtpTranscript first = SmtpTranscript.connect(listener.port());
                SmtpTranscript second = SmtpTranscript.refused(listener.port())) {
            second.expect("421 4.7.0 mx.postroom.test Too many connections");
            second.expectClosed();
            assertThat(first.send("NOOP").expect("250").reply()).hasSize(1);
        }
    }
}

package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.inbound.spam.FailMode;
import org.postroom.smtp.inbound.spam.SpamFilter;
import org.postroom.smtp.rspamd.RspamdScanner;
import org.postroom.smtp.testing.RspamdAvailable;
import org.postroom.smtp.testing.TestRspamd;
import org.postroom.storage.message.MessageCheck;

/**
 * rspamd gone or slow while mail arrives: with {@code fail=open} the message is delivered unscanned
 * (counted, its verdict temperror, one log line a minute at most), with {@code fail=closed} it is
 * refused with 451 4.7.0 and nothing is stored; never a 250 for a message not committed, never a
 * hung session. The real rspamd of {@link TestRspamd} is stopped in the middle of the test.
 */
@ExtendWith(RspamdAvailable.class)
class RspamdOutageTest {

    @RegisterExtension
    static final TestRspamd.PerClass RSPAMD = TestRspamd.perClass();

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private SpamFilter filter(URI url, Duration timeout, FailMode failMode) {
        return SpamFilter.rspamd(new RspamdScanner(url, timeout), 1024 * 1024, failMode, bed.mail().spamPolicies(),
                bed.meters());
    }

    private static void send(int port, String subject, String expected) {
        RspamdScanTest.send(port, RspamdScanTest.message(subject, "hello"), expected);
    }

    private MessageCheck rspamdVerdict() {
        return RspamdScanTest.rspamdVerdict(bed);
    }

    private double scans(String result) {
        return RspamdScanTest.scans(bed, result);
    }

    @Test
    void failOpenDeliversUnscannedOnceRspamdIsGoneAndCountsIt() throws IOException {
        int port = bed.mx(filter(RSPAMD.get().scanUrl(), Duration.ofSeconds(30), FailMode.OPEN)).port();
        send(port, "before", "250 2.0.0");
        assertThat(rspamdVerdict().result()).isEqualTo("no-action");

        RSPAMD.get().stop();
        try {
            send(port, "during", "250 2.0.0");
            send(port, "during again", "250 2.0.0");

            List<byte[]> inbox = bed.mail().inbox("alice@example.com");
            assertThat(inbox).hasSize(3);
            assertThat(new String(inbox.get(2), StandardCharsets.UTF_8)).doesNotContain("X-Spam-Status");
            assertThat(rspamdVerdict().result()).isEqualTo("temperror");
            assertThat(rspamdVerdict().detail()).contains("connection refused");
            assertThat(scans("failed-open")).isEqualTo(2);
            assertThat(bed.log().messages("org.postroom.smtp.inbound.spam.FailureLog")).singleElement().asString()
                    .contains("rspamd unavailable").contains("connection refused").contains("fail open");
        } finally {
            RSPAMD.get().restart();
        }
        send(port, "after", "250 2.0.0");
        assertThat(rspamdVerdict().result()).isEqualTo("no-action");
    }

    @Test
    void failClosedRefusesForNowWhileRspamdIsGone() throws IOException {
        int port = bed.mx(filter(RSPAMD.get().scanUrl(), Duration.ofSeconds(30), FailMode.CLOSED)).port();
        RSPAMD.get().stop();
        try {
            send(port, "during", "451 4.7.0 Spam filter unavailable, try again later");
            assertThat(bed.mail().storedMessages()).isZero();
            assertThat(scans("failed-closed")).isEqualTo(1);
            assertThat(bed.meters().counter("postroom.smtp.refusals", "listener", "smtp-mx", "reason",
                    "spam-filter-unavailable").count()).isEqualTo(1);
        } finally {
            RSPAMD.get().restart();
        }
        send(port, "after", "250 2.0.0");
    }

    @Test
    void anRspamdThatNeverAnswersCostsTheTimeoutAndNoMore() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            int port = bed.mx(filter(URI.create("http://127.0.0.1:" + silent.getLocalPort()), Duration.ofSeconds(1),
                    FailMode.OPEN)).port();

            long start = System.nanoTime();
            send(port, "slow", "250 2.0.0");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
            assertThat(rspamdVerdict().result()).isEqualTo("temperror");
            assertThat(rspamdVerdict().detail()).contains("no answer").contains("within 1000 ms");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}

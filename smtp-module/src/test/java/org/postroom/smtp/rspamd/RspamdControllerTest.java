package org.postroom.smtp.rspamd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.rspamd.LearnResult.Outcome;
import org.postroom.smtp.testing.RspamdAvailable;
import org.postroom.smtp.testing.TestRspamd;

/**
 * Teaching a real rspamd through its controller, with Redis for its Bayes statistics: a lesson is
 * learned once (a second one of the same message is "already learned", not an error), the password
 * counts, and a controller out of reach is said so.
 */
@ExtendWith(RspamdAvailable.class)
class RspamdControllerTest {

    @RegisterExtension
    static final TestRspamd.PerClass RSPAMD = TestRspamd.perClass();

    /** A message of enough words for rspamd's Bayes classifier, with a Message-ID of its own. */
    static MessageBody message(String topic) {
        byte[] bytes = ("From: <news@sender.test>\r\nTo: <alice@example.com>\r\nSubject: " + topic + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@sender.test>\r\nDate: Thu, 26 Nov 2026 08:00:00 +0000\r\n\r\n"
                + ("Our weekly " + topic + " newsletter brings offers, discounts, coupons and bargains on watches,"
                        + " pills, loans and holidays to your mailbox every single morning. ").repeat(5) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new MessageBody() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long size() {
                return bytes.length;
            }
        };
    }

    private static RspamdController controller(String password) {
        return new RspamdController(RSPAMD.get().controllerUrl(), password, Duration.ofSeconds(30));
    }

    @Test
    void spamIsLearnedOnceAndASecondLessonIsAlreadyKnown() {
        MessageBody spam = message("bargain");

        LearnResult first = controller(TestRspamd.PASSWORD).learn(Lesson.SPAM, spam);
        LearnResult again = controller(TestRspamd.PASSWORD).learn(Lesson.SPAM, spam);

        assertThat(first).as(RSPAMD.get()::log).isEqualTo(new LearnResult(Outcome.LEARNED, ""));
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_LEARNED);
        assertThat(again.detail()).contains("already learned");
    }

    @Test
    void hamIsLearnedToo() {
        assertThat(controller(TestRspamd.PASSWORD).learn(Lesson.HAM, message("minutes")).outcome()).as(RSPAMD.get()::log)
                .isEqualTo(Outcome.LEARNED);
    }

    @Test
    void aWrongOrMissingPasswordIsRefused() {
        for (String password : new String[] { "wrong password", "" }) {
            LearnResult refused = controller(password).learn(Lesson.SPAM, message("password"));
            assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(refused.detail()).contains("password").contains("401");
        }
    }

    @Test
    void aControllerOutOfReachIsSaidSo() {
        RspamdController nowhere = new RspamdController(URI.create("http://127.0.0.1:1"), "", Duration.ofSeconds(5));

        LearnResult result = nowhere.learn(Lesson.HAM, message("nowhere"));

        assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(result.detail()).contains("127.0.0.1:1").contains("connection refused");
    }

    @Test
    void theNormalWorkerScansWhatTheControllerLearns() throws RspamdException {
        ScanResult result = new RspamdScanner(RSPAMD.get().scanUrl(), Duration.ofSeconds(30)).scan(new ScanRequest(
                "192.0.2.7", "mx.sender.test", "news@sender.test", List.of("alice@example.com"), null, null,
                null, "test-1", "mx.postroom.test"), message("weekly"));

        assertThat(result.action()).isIn(RspamdAction.NO_ACTION, RspamdAction.ADD_HEADER);
        assertThat(result.requiredScore()).isEqualTo(15.0);
        assertThat(result.symbols()).isNotEmpty();
    }
}

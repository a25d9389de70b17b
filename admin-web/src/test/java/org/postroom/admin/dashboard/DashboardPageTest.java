package org.postroom.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.FixedServerSettings;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.TestQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * How long the oldest delivery has waited, as the dashboard says it: on the database's clock, the
 * one the queue's times are written on; and a spool disk too full to take mail. (A database and an
 * application of their own: the queue holds only this test's entry, and the disk's room is this
 * test's.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.database=dashboard-page")
class DashboardPageTest {

    @LocalServerPort
    int port;
    @Autowired
    MailStore store;
    @Autowired
    TestDatabase database;
    @Autowired
    FixedServerSettings server;

    @Test
    void aDeliveryWaitingTwoHoursByTheDatabasesClockIsShownAsWaitingLong() throws Exception {
        store.deliver("alice@stats.example", MessageOrigin.SUBMITTED, List.of(Recipient.remote("far@far.example")),
                new ByteArrayInputStream("Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII)));
        TestQueue.letTimePass(database, Duration.ofHours(2));

        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        String dashboard = browser.get("/").body();

        assertThat(dashboard).contains("oldest queued 2 hours ago").contains("class=\"stat attention\"");
        // the API's figures are as they were: when, not how long
        assertThat(json(WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD)
                .get("/api/v1/stats")).has("oldestQueuedFor")).isFalse();
    }

    @Test
    void aSpoolDiskBelowItsMinimumIsOnTheDashboardUntilSpaceIsFreed() {
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        assertThat(browser.get("/").body()).doesNotContain("id=\"spool-full\"");

        long before = server.spoolFree(3L << 20);
        try {
            assertThat(browser.get("/").body()).contains("id=\"spool-full\"").contains("/var/lib/postroom/spool")
                    .contains("3.0 MiB free, 64 MiB needed").contains("452 4.3.1");
        } finally {
            server.spoolFree(before);
        }
        assertThat(browser.get("/").body()).doesNotContain("id=\"spool-full\"");
    }
}

package org.postroom.admin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.admin.antispam.Lesson;
import org.postroom.admin.antispam.LessonResult;
import org.postroom.admin.antispam.RecordingSpamTeacher;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Administrators and users teaching the spam filter from the quarantine, over real HTTP: the API's
 * learn action, the console's "Not spam" (taught and released) and "Spam" buttons, and a user's own
 * "Not spam" (taught, their copy released) and "Spam" (taught, their copy deleted) hand the stored
 * message, byte for byte, to the server's {@code SpamTeacher} (here the recording one; the real
 * rspamd is taught in the server's tests).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class QuarantineLearningTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String MESSAGE = "Subject: cheap pills\r\nFrom: <ceo@bank.example>\r\n\r\nBuy now.\r\n";

    @LocalServerPort
    int port;
    @Autowired
    Quarantine quarantine;
    @Autowired
    Database db;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    RecordingSpamTeacher teacher;
    @Autowired
    SimpleMeterRegistry meters;

    private String alice;

    @BeforeEach
    void createRecipient() {
        teacher.reset();
        String domain = "learn" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        users.create(alice, "correct horse battery", null);
    }

    @Test
    void theApiTeachesTheStoredMessageAndLeavesItHeld() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);
        WebVisitor admin = api();

        HttpResponse<String> learned = admin.postJson("/api/v1/quarantine/" + id + "/learn", "{\"lesson\":\"spam\"}");

        assertThat(learned.statusCode()).isEqualTo(200);
        assertThat(json(learned).get("outcome").asString()).isEqualTo("learned");
        assertThat(json(learned).get("lesson").asString()).isEqualTo("spam");
        assertThat(teacher.lessons()).singleElement().satisfies(given -> {
            assertThat(given.lesson()).isEqualTo(Lesson.SPAM);
            assertThat(new String(given.message(), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
        });
        assertThat(quarantine.find(id).orElseThrow().held()).isTrue();
        assertThat(meters.get("postroom.antispam.lessons").tag("lesson", "spam").tag("outcome", "learned").counter()
                .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aReleasedMessageCanStillBeTaughtAndAKnownOneIsNoError() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);
        quarantine.release(id);
        teacher.answer(new LessonResult(LessonResult.Outcome.ALREADY_LEARNED, "<x@y> has been already learned as ham"));

        HttpResponse<String> learned = api().postJson("/api/v1/quarantine/" + id + "/learn", "{\"lesson\":\"ham\"}");

        assertThat(learned.statusCode()).isEqualTo(200);
        assertThat(json(learned).get("outcome").asString()).isEqualTo("already-learned");
        assertThat(teacher.lessons()).extracting(RecordingSpamTeacher.Given::lesson).containsExactly(Lesson.HAM);
    }

    @Test
    void aFilterThatDidNotLearnIsABadGatewayProblem() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);
        teacher.answer(new LessonResult(LessonResult.Outcome.UNREACHABLE, "connection refused"));

        HttpResponse<String> failed = api().postJson("/api/v1/quarantine/" + id + "/learn", "{\"lesson\":\"spam\"}");

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(failed).get("detail").asString()).contains("unreachable").contains("connection refused");
    }

    @Test
    void aLessonOtherThanSpamOrHamIsRefusedAndAnUnknownMessageIs404() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);
        WebVisitor admin = api();

        HttpResponse<String> bad = admin.postJson("/api/v1/quarantine/" + id + "/learn", "{\"lesson\":\"maybe\"}");
        HttpResponse<String> missing = admin.postJson("/api/v1/quarantine/999999/learn", "{\"lesson\":\"spam\"}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("detail").asString()).contains("spam or ham");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(teacher.lessons()).isEmpty();
    }

    @Test
    void notSpamInTheConsoleTeachesHamAndReleases() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);
        WebVisitor browser = console();
        assertThat(browser.get("/quarantine/" + id).body()).contains(">Not spam</button>").contains(">Spam</button>");

        HttpResponse<String> answer = browser.submitForm("/quarantine/" + id, "/quarantine/" + id + "/not-spam");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(browser.redirectedPage(answer)).contains("Message " + id + " was released to " + alice + ".")
                .contains("The spam filter learned it is not spam.");
        assertThat(teacher.lessons()).extracting(RecordingSpamTeacher.Given::lesson).containsExactly(Lesson.HAM);
        assertThat(users.find(alice).orElseThrow().messageCount()).isEqualTo(1);
    }

    @Test
    void spamInTheConsoleTeachesAndKeepsTheMessageHeldSayingWhenTheFilterFailed() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);
        teacher.answer(new LessonResult(LessonResult.Outcome.REFUSED, "rspamd refused the controller password (HTTP 401)"));
        WebVisitor browser = console();

        HttpResponse<String> answer = browser.submitForm("/quarantine/" + id, "/quarantine/" + id + "/spam");

        assertThat(browser.redirectedPage(answer)).contains("The spam filter did not learn it is spam: rspamd refused"
                + " the controller password (HTTP 401).");
        assertThat(quarantine.find(id).orElseThrow().held()).isTrue();
    }

    @Test
    void aUsersNotSpamTeachesHamAndReleasesTheirCopy() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);
        WebVisitor asAlice = account();
        assertThat(asAlice.get("/account/quarantine/" + id).body()).contains(">Not spam</button>").contains(">Spam</button>");

        HttpResponse<String> answer = asAlice.submitForm("/account/quarantine/" + id,
                "/account/quarantine/" + id + "/not-spam");

        assertThat(asAlice.redirectedPage(answer)).contains("The message is in your mailbox now")
                .contains("The spam filter learned it is not spam.");
        assertThat(teacher.lessons()).singleElement().satisfies(given -> {
            assertThat(given.lesson()).isEqualTo(Lesson.HAM);
            assertThat(new String(given.message(), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
        });
        assertThat(users.find(alice).orElseThrow().messageCount()).isEqualTo(1);
    }

    @Test
    void aUsersSpamTeachesSpamAndDeletesTheirCopyButNotAnotherUsers() throws IOException {
        String bob = alice.replace("alice@", "bob@");
        users.create(bob, "correct horse battery", null);
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice, bob);
        WebVisitor asAlice = account();

        HttpResponse<String> answer = asAlice.submitForm("/account/quarantine/" + id,
                "/account/quarantine/" + id + "/spam");
        assertThat(asAlice.redirectedPage(answer)).contains("The message was deleted; you will not get it.")
                .contains("The spam filter learned it is spam.");
        HttpResponse<String> again = asAlice.submitForm("/account/quarantine", "/account/quarantine/" + id + "/spam");

        assertThat(asAlice.redirectedPage(again)).contains("No held message " + id + " for you");
        assertThat(teacher.lessons()).extracting(RecordingSpamTeacher.Given::lesson).containsExactly(Lesson.SPAM);
        assertThat(users.find(alice).orElseThrow().messageCount()).isZero();
        assertThat(quarantine.find(id).orElseThrow().held()).isTrue();
    }

    private WebVisitor account() {
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToAccount(alice, "correct horse battery");
        return browser;
    }

    private WebVisitor api() {
        return WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
    }

    private WebVisitor console() {
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        return browser;
    }
}

package org.postroom.admin.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.WebVisitor;
import org.postroom.admin.antispam.Lesson;
import org.postroom.admin.antispam.LessonResult;
import org.postroom.admin.antispam.RecordingSpamTeacher;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.mailbox.UserInbox;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A mail user's mail on the server, /account/mail, over real HTTP as a signed-in browser: they see
 * their own messages only, mark spam that got through (the stored message goes to the spam filter
 * byte for byte, and leaves the server) and remove any message; another user's message is not
 * found, as one that does not exist.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ServerMailPagesTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String PASSWORD = "correct horse battery";
    private static final String SPAM = "Subject: =?UTF-8?Q?cheap_p=C3=AFlls?=\r\nFrom: Pill Shop <shop@pills.example>\r\n"
            + "\r\nBuy now.\r\n";

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    MailStore store;
    @Autowired
    MailDirectory directory;
    @Autowired
    UserInbox inbox;
    @Autowired
    RecordingSpamTeacher teacher;

    private String alice;
    private String bob;
    private WebVisitor asAlice;

    @BeforeEach
    void logIn() {
        teacher.reset();
        String domain = "mail" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        bob = "bob@" + domain;
        users.create(alice, PASSWORD, null);
        users.create(bob, PASSWORD, null);
        asAlice = WebVisitor.anonymous(port);
        asAlice.logInToAccount(alice, PASSWORD);
    }

    @Test
    void theUserSeesTheirMailOnTheServerNewestFirstAndNoOneElses() throws IOException {
        deliver("Subject: older\r\n\r\nhi\r\n", alice);
        deliver(SPAM, alice);
        deliver("Subject: for bob\r\n\r\nhi\r\n", bob);

        String page = asAlice.get("/account/mail").body();

        assertThat(page).contains("2 messages on the server").contains("Pill Shop &lt;shop@pills.example&gt;")
                .doesNotContain("for bob");
        assertThat(page.indexOf("cheap pïlls")).isPositive().isLessThan(page.indexOf("older"));
        assertThat(page).contains(">Spam</button>");
        assertThat(asAlice.get("/account").body()).contains("href=\"/account/mail\"");
    }

    @Test
    void spamIsTaughtAsStoredAndLeavesTheServer() throws IOException {
        long uid = deliver(SPAM, alice);

        HttpResponse<String> answer = asAlice.submitForm("/account/mail", "/account/mail/" + uid + "/spam");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(asAlice.redirectedPage(answer)).contains("The message was removed from the server.")
                .contains("The spam filter learned it is spam.");
        assertThat(teacher.lessons()).singleElement().satisfies(given -> {
            assertThat(given.lesson()).isEqualTo(Lesson.SPAM);
            assertThat(new String(given.message(), StandardCharsets.UTF_8)).isEqualTo(SPAM);
        });
        assertThat(inbox.find(alice, uid)).isEmpty();
        assertThat(users.find(alice).orElseThrow().messageCount()).isZero();
    }

    @Test
    void aFilterThatDidNotLearnIsSaidAndTheMessageIsRemovedAnyway() throws IOException {
        long uid = deliver(SPAM, alice);
        teacher.answer(new LessonResult(LessonResult.Outcome.UNREACHABLE, "connection refused"));

        HttpResponse<String> answer = asAlice.submitForm("/account/mail", "/account/mail/" + uid + "/spam");

        assertThat(asAlice.redirectedPage(answer)).contains("The spam filter did not learn it is spam: connection refused.");
        assertThat(inbox.find(alice, uid)).isEmpty();
    }

    @Test
    void deleteRemovesWithoutALessonAndAnotherUsersMessageIsNotFound() throws IOException {
        long own = deliver("Subject: mine\r\n\r\nhi\r\n", alice);
        long bobs = deliver("Subject: bob's\r\n\r\nhi\r\n", bob);

        HttpResponse<String> deleted = asAlice.submitForm("/account/mail", "/account/mail/" + own + "/delete");
        assertThat(asAlice.redirectedPage(deleted)).contains("The message was removed from the server.");
        HttpResponse<String> foreignSpam = asAlice.submitForm("/account/mail", "/account/mail/" + bobs + "/spam");
        assertThat(asAlice.redirectedPage(foreignSpam)).contains("No message " + bobs + " in the mailbox of " + alice);
        HttpResponse<String> foreignDelete = asAlice.submitForm("/account/mail", "/account/mail/" + bobs + "/delete");
        assertThat(asAlice.redirectedPage(foreignDelete)).contains("No message " + bobs + " in the mailbox of " + alice);

        assertThat(inbox.find(alice, own)).isEmpty();
        assertThat(inbox.find(bob, bobs)).isPresent();
        assertThat(teacher.lessons()).isEmpty();
    }

    @Test
    void onlyASignedInUserSeesThePage() {
        HttpResponse<String> anonymous = WebVisitor.anonymous(port).get("/account/mail");

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/account/login");
    }

    /** Stores {@code content} for the local {@code recipient}; returns its UID in their INBOX. */
    private long deliver(String content, String recipient) throws IOException {
        store.deliver("shop@pills.example", MessageOrigin.RECEIVED,
                List.of(Recipient.resolved(recipient, (Deliverable) directory.resolve(recipient))),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        return inbox.list(recipient, 0, 1).items().get(0).uid();
    }
}

package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.server.SmtpClient;
import org.postroom.smtp.testing.RspamdAvailable;
import org.postroom.smtp.testing.TestRspamd;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The spam filter wired from {@code postroom.antispam.rspamd.*} against a real rspamd with its
 * Redis ({@link TestRspamd}): port 25 refuses the GTUBE message and delivers a clean one with its
 * score, and an administrator's "spam" / "not spam" on a quarantined message reaches rspamd's
 * controller through the API, with the controller's password, and is learned.
 */
@ExtendWith(RspamdAvailable.class)
class RspamdServerIT extends WiredApplicationTest {

    private static final String DOMAIN = "rspamd.wired.example";

    @RegisterExtension
    static final TestRspamd.PerClass RSPAMD = TestRspamd.perClass();

    @LocalServerPort
    int httpPort;

    @Autowired
    @Qualifier("smtpMxListener")
    ListenerLifecycle mx;

    @DynamicPropertySource
    static void rspamdProperties(DynamicPropertyRegistry registry) {
        registry.add("postroom.antispam.rspamd.url", () -> RSPAMD.get().scanUrl().toString());
        registry.add("postroom.antispam.rspamd.controller-url", () -> RSPAMD.get().controllerUrl().toString());
        registry.add("postroom.antispam.rspamd.password", () -> TestRspamd.PASSWORD);
        registry.add("postroom.antispam.rspamd.timeout", () -> "30s");
    }

    private static String message(String subject, String body) {
        return "From: <news@sender.example>\r\nTo: <bob@" + DOMAIN + ">\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@sender.example>\r\nDate: Thu, 26 Nov 2026 08:00:00 +0000\r\n\r\n" + body + "\r\n";
    }

    /** Sends {@code message} to bob on port 25 and returns the reply to its data. */
    private String send(String message) throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(mx.listener().port())) {
            smtp.reply();
            smtp.command("EHLO mx.sender.example");
            assertThat(smtp.command("MAIL FROM:<news@sender.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bob@" + DOMAIN + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            return smtp.command(message + ".");
        }
    }

    @Test
    void portTwentyFiveAsksRspamd(@Autowired DomainRepository domains, @Autowired UserRepository users)
            throws IOException {
        domains.create(DOMAIN);
        users.create("bob@" + DOMAIN, "bob's long secret 1", null);

        assertThat(send(message("gtube", TestRspamd.GTUBE))).as(RSPAMD.get()::log)
                .startsWith("550 5.7.1 Message refused as spam: Gtube pattern");
        assertThat(send(message("lunch", "See you at noon."))).startsWith("250 2.0.0");
        assertThat(users.find("bob@" + DOMAIN).orElseThrow().messageCount()).isEqualTo(1);
    }

    @Test
    void anAdministratorsLessonsReachRspamdsController(@Autowired DomainRepository domains,
            @Autowired UserRepository users, @Autowired MailDirectory directory, @Autowired Quarantine quarantine)
            throws Exception {
        domains.create("learn." + DOMAIN);
        String carol = "carol@learn." + DOMAIN;
        users.create(carol, "carol's long secret 1", null);
        String text = message("weekly offers", ("Watches, pills, loans and holidays at bargain prices, every"
                + " morning in your mailbox, with coupons and discounts. ").repeat(5));
        long id = quarantine.hold("news@sender.example", MessageOrigin.RECEIVED,
                List.of(Recipient.resolved(carol, (Deliverable) directory.resolve(carol))),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "spam", List.of()).messageId();

        HttpResponse<String> learned = learn(id, "spam");
        HttpResponse<String> again = learn(id, "spam");

        assertThat(learned.statusCode()).as(() -> learned.body() + "\n" + RSPAMD.get().log()).isEqualTo(200);
        assertThat(learned.body()).contains("\"outcome\":\"learned\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"outcome\":\"already-learned\"");
    }

    private HttpResponse<String> learn(long id, String lesson) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/v1/quarantine/" + id + "/learn"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lesson\":\"" + lesson + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

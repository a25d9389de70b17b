package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import org.apache.commons.net.pop3.POP3SClient;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Issue 17: sending limits across two Postroom processes on one database. Two packaged servers run
 * as processes of their own on the same PostgreSQL (this JVM's test server), with three messages a
 * day per user and suspension after two refusals. A real mail client (Angus Mail, SMTPS with
 * AUTH) sends alternately through each: the count is the database's, so the fourth message is
 * refused whichever process it reaches, the second refusal suspends the user, the suspension holds
 * on both, receiving and POP3 go on, and an administrator's lift over the other process's API
 * restores sending.
 */
class SendingLimitsAcrossProcessesIT {

    private static final String DOMAIN = "limits.example";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final String PASSWORD = "alice's long secret 1";
    private static final String ADMIN_PASSWORD = "an administrator's long secret 1";

    @Test
    void theDailyLimitAndTheSuspensionHoldWhicheverProcessTheClientReaches(@TempDir Path first, @TempDir Path second)
            throws Exception {
        String url = TestDatabase.createUrl();
        // no hourly limit: a clock hour turning during the test must not change what it sees
        Map<String, String> environment = Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "postgres",
                "POSTROOM_HOSTNAME", "mail." + DOMAIN, "POSTROOM_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "POSTROOM_LIMITS_MESSAGES_PER_HOUR", "0", "POSTROOM_LIMITS_MESSAGES_PER_DAY", "3",
                "POSTROOM_LIMITS_LOCK_AFTER", "2",
                // the REST API over plain HTTP: what this test asks of it is the limits, not the transport
                "POSTROOM_HTTPS_ENABLED", "false");
        try (PostroomProcess one = new PostroomProcess(first, environment);
                PostroomProcess other = new PostroomProcess(second, environment)) {
            one.start();
            other.start();
            Database db = new Database(new DriverManagerDataSource(url, "postgres", ""));
            DomainRepository domains = new DomainRepository(db, "postroom");
            domains.create(DOMAIN);
            new UserRepository(db).create(ALICE, PASSWORD, null);
            new UserRepository(db).create(BOB, "bob's long secret 12", null);
            domains.setPostmasterTarget(DOMAIN, BOB);
            SSLContext oneTls = TrustedCertificate.generatedIn(first.resolve("data"));
            SSLContext otherTls = TrustedCertificate.generatedIn(second.resolve("data"));

            submit(one, oneTls, "1");
            submit(other, otherTls, "2");
            submit(one, oneTls, "3");
            // the fourth of the day, at the process that sent one of the three: the count is shared
            assertRefused(() -> submit(other, otherTls, "4"),
                    "550 5.7.1 Daily sending limit of your account reached (3 messages in 24 hours)");
            // the second refusal of the day suspends alice's sending, on both processes
            assertRefused(() -> submit(one, oneTls, "5"), "550 5.7.1 Daily sending limit");
            assertRefused(() -> submit(other, otherTls, "6"), "550 5.7.1 Sending suspended for your account");
            assertRefused(() -> submit(one, oneTls, "7"), "550 5.7.1 Sending suspended for your account");
            assertThat(one.log() + other.log()).contains("sending of <" + ALICE + "> suspended: reason=limit-hits");

            // alice still receives mail over port 25 and downloads it over POP3S
            try (SmtpClient smtp = SmtpClient.connect(other.port("SMTP"))) {
                assertThat(smtp.reply()).startsWith("220");
                assertThat(smtp.command("EHLO mx.sender.test")).startsWith("250");
                assertThat(smtp.command("MAIL FROM:<news@sender.test>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<" + ALICE + ">")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                assertThat(smtp.command("From: news@sender.test\r\nSubject: still yours\r\n\r\nhello\r\n."))
                        .startsWith("250 2.0.0");
            }
            assertThat(pop3Subjects(one.port("POP3S"), oneTls, ALICE, PASSWORD)).containsExactly("Subject: still yours");
            // bob, postmaster of the domain, was told
            assertThat(pop3Subjects(other.port("POP3S"), otherTls, BOB, "bob's long secret 12"))
                    .contains("Subject: Sending suspended for " + ALICE);

            // an administrator lifts it at the other process, and gives alice room for the day
            assertThat(api(other, "GET", "/api/v1/suspensions", null).body()).contains(ALICE);
            assertThat(api(other, "DELETE", "/api/v1/users/" + ALICE + "/suspension", null).statusCode()).isEqualTo(204);
            assertRefused(() -> submit(one, oneTls, "8"), "550 5.7.1 Daily sending limit");
            assertThat(api(one, "PATCH", "/api/v1/users/" + ALICE + "/limits", "{\"messagesPerDay\": 10}").statusCode())
                    .isEqualTo(200);
            submit(other, otherTls, "9");
            assertThat(api(one, "GET", "/api/v1/users/" + ALICE + "/limits", null).body())
                    .contains("\"messagesToday\":4");
        }
    }

    /** Message {@code n} from alice to bob through {@code postroom}'s port 465 with Angus Mail. */
    private static void submit(PostroomProcess postroom, SSLContext tls, String n) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtps.host", "127.0.0.1");
        properties.put("mail.smtps.port", Integer.toString(postroom.port("SMTPS")));
        properties.put("mail.smtps.auth", "true");
        properties.put("mail.smtps.ssl.socketFactory", tls.getSocketFactory());
        properties.put("mail.smtps.ssl.checkserveridentity", "false");
        properties.put("mail.smtps.localhost", "laptop." + DOMAIN);
        properties.put("mail.smtps.timeout", "30000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(ALICE));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(BOB));
        message.setSubject("message " + n);
        message.setText("hello " + n);
        try (Transport transport = session.getTransport("smtps")) {
            transport.connect(ALICE, PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static void assertRefused(ThrowingSend send, String reply) {
        assertThatThrownBy(send::run).isInstanceOf(SMTPSendFailedException.class)
                .satisfies(e -> assertThat(((SMTPSendFailedException) e).getReturnCode())
                        .isEqualTo(Integer.parseInt(reply.substring(0, 3))))
                .hasMessageContaining(reply);
    }

    private interface ThrowingSend {
        void run() throws Exception;
    }

    /** The Subject lines of the messages in {@code address}'s maildrop, over POP3S. */
    private static List<String> pop3Subjects(int port, SSLContext tls, String address, String password)
            throws Exception {
        POP3SClient client = new POP3SClient(true, tls);
        client.connect("127.0.0.1", port);
        try {
            assertThat(client.login(address, password)).isTrue();
            List<String> subjects = new ArrayList<>();
            for (var info : client.listMessages()) {
                try (var reader = new BufferedReader(client.retrieveMessageTop(info.number, 0))) {
                    reader.lines().filter(line -> line.startsWith("Subject: ")).forEach(subjects::add);
                }
            }
            client.logout();
            return subjects;
        } finally {
            client.disconnect();
        }
    }

    private static HttpResponse<String> api(PostroomProcess postroom, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + postroom.httpPort() + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/merge-patch+json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

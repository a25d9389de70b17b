package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postroom.server.RunningServer;
import org.postroom.server.SmtpClient;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Real-world malformed mail, generated here, sent by a remote server to port 25 of the running
 * application and downloaded by the recipient's mail program over POP3S (Commons Net): each message
 * comes out byte for byte as it was sent, behind the header fields Postroom adds, or is refused
 * with a reply that says why in an enhanced status code, and then nothing of it is stored. Broken
 * MIME is not Postroom's to repair: it stores and hands on what it was given.
 */
class MalformedMailCorpusTest extends WiredApplicationTest {

    private static final String DOMAIN = "corpus.example";
    private static final String PASSWORD = "a long enough secret";
    private static final String SENDER = "far@elsewhere.test";
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String NESTED = "Content-Type: multipart/mixed; boundary=\"level0\"";
    /** postroom.smtp.max-recipients, default. */
    private static final int MAX_RECIPIENTS = 100;

    @Autowired
    @Qualifier("smtpMxListener")
    ListenerLifecycle mx;

    @Autowired
    @Qualifier("pop3sListener")
    ListenerLifecycle pop3s;

    @Autowired
    DomainRepository domains;

    @Autowired
    UserRepository users;

    private String recipient;

    @BeforeEach
    void aMailboxOfItsOwn() {
        if (domains.find(DOMAIN).isEmpty()) {
            domains.create(DOMAIN);
        }
        recipient = "corpus" + USERS.incrementAndGet() + "@" + DOMAIN;
        users.create(recipient, PASSWORD, null);
    }

    /** A message, the reply its final dot must get (250 2.0.0, or the refusal), and what it is. */
    record Specimen(String name, byte[] message, String reply) {
        @Override
        public String toString() {
            return name + " (" + message.length + " bytes) -> " + reply;
        }
    }

    static Stream<Specimen> corpus() {
        return Stream.of(
                delivered("multipart whose closing boundary never comes", header("Content-Type: multipart/mixed; boundary=\"b1\"")
                        + "preamble\r\n--b1\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n--b1\r\n\r\nsecond part, no end\r\n"),
                delivered("multipart without a boundary parameter", header("Content-Type: multipart/mixed")
                        + "--x\r\nContent-Type: text/plain\r\n\r\norphan part\r\n--x--\r\n"),
                delivered("base64 and quoted-printable that do not decode", header("Content-Type: multipart/mixed; boundary=q")
                        + "--q\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not*base64===\r\n--q\r\n"
                        + "Content-Transfer-Encoding: quoted-printable\r\n\r\nbroken =ZZ escape and a soft break at the end=\r\n--q--\r\n"),
                delivered("a Content-Type that is not one", header("Content-Type: ;;; charset=\"\r\n\tboundary=")
                        + "body\r\n"),
                new Specimen("raw UTF-8 and Latin-1 in header fields", join(
                        ("From: =?broken?= J\u00f6rg M\u00fcller <" + SENDER + ">\r\nSubject: Gr\u00fc\u00dfe \u2603 \ud83d\udce8\r\n")
                                .getBytes(StandardCharsets.UTF_8),
                        "X-Latin1: caf\u00e9 cr\u00e8me\r\n\r\nbody\r\n".getBytes(StandardCharsets.ISO_8859_1)), "250 2.0.0"),
                delivered("8-bit bytes in a field name", "From: <" + SENDER + ">\r\nS\u00fcbject: x\r\n\r\nbody\r\n"),
                refused("a NUL in the body", header("Subject: nul") + "before\u0000after\r\n", "554 5.6.0"),
                refused("a NUL in a header field", "From: <" + SENDER + ">\r\nSubject: n\u0000l\r\n\r\nbody\r\n", "554 5.6.0"),
                refused("Unix line endings (bare LF), ended with CRLF . CRLF", "From: <" + SENDER + ">\nSubject: unix\n\nbody\n",
                        "554 5.6.0"),
                refused("a header line of 1 MiB", header("X-Long: " + "a".repeat(1024 * 1024)) + "body\r\n", "552 5.3.4"),
                delivered("a header section of 1 MiB in folded lines", header("X-Folded: start"
                        + ("\r\n\t" + "b".repeat(900)).repeat(1150)) + "body\r\n"),
                delivered("multiparts nested 500 deep", header(NESTED) + nested(500)),
                delivered("multiparts nested 500 deep under a DKIM signature", header("DKIM-Signature: v=1; a=rsa-sha256;"
                        + " c=relaxed/relaxed; d=elsewhere.test; s=none; h=from:subject; bh=AAAA; b=AAAA\r\n" + NESTED)
                        + nested(500)),
                delivered("no header section at all", "just a body line\r\nand another\r\n"),
                delivered("nothing at all", ""),
                delivered("lines of 998 and 8190 octets", header("Subject: long lines") + "c".repeat(998) + "\r\n"
                        + "d".repeat(8190) + "\r\n"),
                delivered("lines that start with dots", header("Subject: dots") + ".\r\n..\r\n.x\r\n. \r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void malformedMailIsDeliveredByteForByteOrRefusedWithAReason(Specimen specimen) throws Exception {
        try (SmtpClient smtp = dataForRecipient()) {
            OutputStream out = smtp.socket().getOutputStream();
            out.write(RunningServer.dotStuffed(specimen.message()));
            // the client's end of the data: after a line that ended with CRLF, or CRLF first
            out.write((endsWithCrlf(specimen.message()) ? ".\r\n" : "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(smtp.reply()).as(specimen.name()).startsWith(specimen.reply() + " ");
            assertThat(smtp.command("QUIT")).startsWith("221 2.0.0");
        }

        List<byte[]> maildrop = download(recipient);
        if (specimen.reply().startsWith("250")) {
            assertThat(maildrop).as("messages downloaded").hasSize(1);
            assertDeliveredAsSent(maildrop.get(0), specimen.message());
        } else {
            assertThat(maildrop).as("messages downloaded after a refusal").isEmpty();
        }
    }

    /**
     * A client that ends data with Unix line endings with LF "." LF gives no end Postroom may trust
     * (it is SMTP smuggling's shape): the data goes on until the data rate limit cuts it off with
     * 421 4.4.2, and nothing is stored. Postfix (smtpd_forbid_bare_newline) answers 5xx at the
     * first bare LF and disconnects instead, so the sender bounces at once rather than retrying.
     */
    @Test
    void dataEndedWithUnixLineEndingsIsCutOffAtTheDataRateLimitAndNothingIsStored() throws Exception {
        try (SmtpClient smtp = dataForRecipient()) {
            OutputStream out = smtp.socket().getOutputStream();
            out.write(("From: <" + SENDER + ">\nSubject: unix\n\nbody\n.\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(smtp.reply()).startsWith("421 4.4.2 ");
        }
        assertThat(download(recipient)).isEmpty();
    }

    @Test
    void tenThousandRecipientsGetTheirLimitAndTheMessageArrivesOnce() throws Exception {
        byte[] message = (header("Subject: ten thousand recipients") + "body\r\n").getBytes(StandardCharsets.US_ASCII);
        String local = recipient.substring(0, recipient.indexOf('@'));
        try (SmtpClient smtp = SmtpClient.connect(mx.listener().port())) {
            assertThat(smtp.reply()).startsWith("220 ");
            assertThat(smtp.command("EHLO client.elsewhere.test")).contains("PIPELINING");
            assertThat(smtp.command("MAIL FROM:<" + SENDER + ">")).startsWith("250 2.1.0");
            // pipelined, as a mass mailer sends them (RFC 2920), each to its own subaddress
            StringBuilder rcpts = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                rcpts.append("RCPT TO:<").append(local).append('+').append(i).append('@').append(DOMAIN).append(">\r\n");
            }
            smtp.socket().getOutputStream().write(rcpts.toString().getBytes(StandardCharsets.US_ASCII));
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                replies.add(smtp.reply());
            }
            assertThat(replies.subList(0, MAX_RECIPIENTS)).allSatisfy(reply -> assertThat(reply).startsWith("250 2.1.5"));
            assertThat(replies.subList(MAX_RECIPIENTS, replies.size()))
                    .allSatisfy(reply -> assertThat(reply).startsWith("452 4.5.3"));
            assertThat(smtp.command("DATA")).startsWith("354");
            OutputStream out = smtp.socket().getOutputStream();
            out.write(RunningServer.dotStuffed(message));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(smtp.reply()).startsWith("250 2.0.0");
            assertThat(smtp.command("QUIT")).startsWith("221 2.0.0");
        }

        List<byte[]> maildrop = download(recipient);
        assertThat(maildrop).as("one mailbox, however many of its addresses were named").hasSize(1);
        assertDeliveredAsSent(maildrop.get(0), message);
    }

    /** A session on port 25 from {@link #SENDER} to this test's recipient, after the 354 to DATA. */
    private SmtpClient dataForRecipient() throws IOException {
        SmtpClient smtp = SmtpClient.connect(mx.listener().port());
        assertThat(smtp.reply()).startsWith("220 ");
        assertThat(smtp.command("EHLO client.elsewhere.test")).startsWith("250");
        assertThat(smtp.command("MAIL FROM:<" + SENDER + ">")).startsWith("250 2.1.0");
        assertThat(smtp.command("RCPT TO:<" + recipient + ">")).startsWith("250 2.1.5");
        assertThat(smtp.command("DATA")).startsWith("354");
        return smtp;
    }

    /** The message behind Postroom's own fields, Return-Path first, then exactly the bytes sent. */
    private static void assertDeliveredAsSent(byte[] downloaded, byte[] sent) {
        assertThat(downloaded.length).isGreaterThan(sent.length);
        assertThat(Arrays.copyOfRange(downloaded, downloaded.length - sent.length, downloaded.length))
                .as("the message as sent").isEqualTo(sent);
        String added = new String(downloaded, 0, downloaded.length - sent.length, StandardCharsets.ISO_8859_1);
        assertThat(added).startsWith("Return-Path: <" + SENDER + ">\r\nAuthentication-Results: " + HOSTNAME + ";")
                .contains("\r\nReceived: from client.elsewhere.test ").endsWith("\r\n");
    }

    private List<byte[]> download(String address) throws Exception {
        POP3SClient pop3 = new POP3SClient(true, trustingGeneratedCertificate());
        pop3.connect("127.0.0.1", pop3s.listener().port());
        try {
            assertThat(pop3.login(address, PASSWORD)).isTrue();
            List<byte[]> messages = new ArrayList<>();
            for (POP3MessageInfo info : pop3.listMessages()) {
                messages.add(RunningServer.retrieved(pop3.retrieveMessage(info.number)));
            }
            assertThat(pop3.logout()).isTrue();
            return messages;
        } finally {
            pop3.disconnect();
        }
    }

    private static Specimen delivered(String name, String message) {
        return new Specimen(name, message.getBytes(StandardCharsets.ISO_8859_1), "250 2.0.0");
    }

    private static Specimen refused(String name, String message, String reply) {
        return new Specimen(name, message.getBytes(StandardCharsets.ISO_8859_1), reply);
    }

    /** From, To, Subject and {@code field} (when not empty), then the empty line. */
    private static String header(String field) {
        return "From: <" + SENDER + ">\r\nTo: <someone@" + DOMAIN + ">\r\nDate: Sat, 5 Dec 2026 10:00:00 +0000\r\n"
                + (field.isEmpty() ? "" : field + "\r\n") + "\r\n";
    }

    /**
     * The body of a message whose Content-Type is {@link #NESTED}: {@code depth} levels of
     * multiparts, each the only part of the one around it, a text part innermost.
     */
    private static String nested(int depth) {
        StringBuilder body = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            body.append("--level").append(level).append("\r\nContent-Type: multipart/mixed; boundary=\"level")
                    .append(level + 1).append("\"\r\n\r\n");
        }
        body.append("--level").append(depth).append("\r\nContent-Type: text/plain\r\n\r\ninnermost\r\n");
        for (int level = depth; level >= 0; level--) {
            body.append("--level").append(level).append("--\r\n");
        }
        return body.toString();
    }

    private static byte[] join(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static boolean endsWithCrlf(byte[] message) {
        return message.length == 0 || message.length >= 2 && message[message.length - 2] == '\r'
                && message[message.length - 1] == '\n';
    }
}

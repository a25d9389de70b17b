package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.Test;
import org.postroom.server.RunningServer;
import org.postroom.server.SmtpClient;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Through both protocol modules in the running application: a message a remote server delivers on
 * port 25 comes out of POP3 (implicit TLS, Apache Commons Net as the client) as exactly the bytes
 * sent, behind the Authentication-Results field and the one Received header Postroom adds.
 */
class SmtpToPop3EndToEndTest extends WiredApplicationTest {

    private static final String PASSWORD = "a long enough secret";

    /** Dot lines, an empty line, 8-bit UTF-8, a long line, odd header folding: all must survive. */
    private static final byte[] MESSAGE = ("From: Far Away <far@elsewhere.test>\r\n"
            + "To: dana@e2e.example\r\n"
            + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
            + "X-Folded: first part\r\n\tsecond part\r\n"
            + "\r\n"
            + ".a line that starts with a dot\r\n"
            + ".\r\n"
            + "..two dots\r\n"
            + "\r\n"
            + "Grüße aus Köln, 8-bit\r\n"
            + "x".repeat(900) + "\r\n"
            + "last line\r\n").getBytes(StandardCharsets.UTF_8);

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

    @Test
    void aMessageReceivedOnPort25IsRetrievedOverPop3sByteForByteBehindItsAuthenticationResultsAndOneReceivedHeader() throws Exception {
        domains.create("e2e.example");
        users.create("dana@e2e.example", PASSWORD, null);

        try (SmtpClient smtp = SmtpClient.connect(mx.listener().port())) {
            assertThat(smtp.reply()).startsWith("220 " + HOSTNAME);
            assertThat(smtp.command("EHLO client.elsewhere.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<far@elsewhere.test> BODY=8BITMIME")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<dana@e2e.example>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            OutputStream out = smtp.socket().getOutputStream();
            out.write(RunningServer.dotStuffed(MESSAGE));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(smtp.reply()).startsWith("250 2.0.0 Ok: queued as ");
            assertThat(smtp.command("QUIT")).startsWith("221");
        }

        POP3SClient pop3 = new POP3SClient(true, trustingGeneratedCertificate());
        pop3.connect("127.0.0.1", pop3s.listener().port());
        assertThat(pop3.login("dana@e2e.example", PASSWORD)).isTrue();
        byte[] retrieved = RunningServer.retrieved(pop3.retrieveMessage(1));
        assertThat(pop3.logout()).isTrue();
        pop3.disconnect();

        String text = new String(retrieved, StandardCharsets.ISO_8859_1);
        int originalStart = retrieved.length - MESSAGE.length;
        assertThat(originalStart).isPositive();
        assertThat(Arrays.copyOfRange(retrieved, originalStart, retrieved.length)).isEqualTo(MESSAGE);
        String returnPath = "Return-Path: <far@elsewhere.test>\r\n";
        // elsewhere.test publishes nothing on the test DNS server: no SPF, no signature, no DMARC policy
        String authenticationResults = "Authentication-Results: " + HOSTNAME + ";\r\n"
                + "\tspf=none smtp.mailfrom=far@elsewhere.test;\r\n\tdkim=none;\r\n"
                + "\tdmarc=none header.from=elsewhere.test\r\n";
        assertThat(text).startsWith(returnPath + authenticationResults);
        String received = text.substring(returnPath.length() + authenticationResults.length(), originalStart);
        assertThat(received).startsWith("Received: from client.elsewhere.test ([127.0.0.1])\r\n")
                .contains("by " + HOSTNAME + " (Postroom) with ESMTP id ").endsWith("\r\n");
        // one header field: every further line is a folded continuation
        assertThat(Arrays.stream(received.substring(0, received.length() - 2).split("\r\n")).skip(1))
                .allSatisfy(line -> assertThat(line).startsWith("\t"));
    }
}

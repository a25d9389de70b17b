package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;


import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.Test;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The application starts both POP3 listeners on a real PostgreSQL, with the product's defaults
 * (plaintext logins refused) and the generated certificate, and a real client retrieves mail.
 */
class Pop3WiringTest extends WiredApplicationTest {

    private static final String MESSAGE = "Subject: wired\r\n\r\n.dot line\r\nbody\r\n";


    @Autowired
    @Qualifier("pop3Listener")
    ListenerLifecycle pop3;

    @Autowired
    @Qualifier("pop3sListener")
    ListenerLifecycle pop3s;

    @Autowired
    DomainRepository domains;

    @Autowired
    UserRepository users;

    @Autowired
    MailDirectory directory;

    @Autowired
    MailStore store;


    @Test
    void bothListenersServeMailWithTheProductDefaults() throws Exception {
        assertThat(pop3.isRunning()).isTrue();
        assertThat(pop3s.isRunning()).isTrue();
        domains.create("wired.example");
        users.create("dana@wired.example", "a long enough secret", null);
        store.deliver("", MessageOrigin.RECEIVED, List.of(Recipient.resolved("dana@wired.example",
                (Deliverable) directory.resolve("dana@wired.example"))),
                new java.io.ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)));

        // port 110: the greeting names postroom.hostname, and no password is taken before STLS
        try (Socket plain = new Socket("127.0.0.1", pop3.listener().port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("+OK mail.wired.example POP3 server ready");
            plain.getOutputStream().write("USER dana@wired.example\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("-ERR [AUTH]");
        }

        POP3SClient stls = new POP3SClient(false, trustingGeneratedCertificate());
        stls.connect("127.0.0.1", pop3.listener().port());
        assertThat(stls.execTLS()).isTrue();
        assertThat(stls.login("dana@wired.example", "a long enough secret")).isTrue();
        // stored with the null sender, as a bounce is
        assertThat(read(stls.retrieveMessage(1))).isEqualTo("Return-Path: <>\r\n" + MESSAGE);
        assertThat(stls.logout()).isTrue();
        stls.disconnect();

        POP3SClient implicit = new POP3SClient(true, trustingGeneratedCertificate());
        implicit.connect("127.0.0.1", pop3s.listener().port());
        assertThat(implicit.login("dana@wired.example", "a long enough secret")).isTrue();
        assertThat(implicit.status().number).isEqualTo(1);
        assertThat(implicit.deleteMessage(1)).isTrue();
        assertThat(implicit.logout()).isTrue();
        implicit.disconnect();
        assertThat(users.find("dana@wired.example").orElseThrow().messageCount()).isZero();
    }

    @Test
    void aCommandLeftUnfinishedIsCutOffAtTheConfiguredCommandTimeout() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", pop3.listener().port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("+OK");
            plain.getOutputStream().write("USER dana@wired".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("-ERR Command not completed in time, closing connection");
            assertThat(in.readLine()).as("closed").isNull();
        }
    }

    private static String read(Reader reader) throws Exception {
        try (reader) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[4096];
            for (int n = reader.read(buffer); n > 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }
}

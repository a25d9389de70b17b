package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.pop3.Pop3Fixture.ALICE;
import static org.postroom.pop3.Pop3Fixture.PASSWORD;
import static org.postroom.pop3.Pop3Fixture.RETURN_PATH;

import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.postroom.pop3.Pop3Fixture.Settings;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * Real POP3 clients against the real listeners, with plaintext logins refused as by default:
 * Angus Mail (Jakarta Mail) and Apache Commons Net, each over STLS and over POP3S.
 */
class Pop3ClientsTest {

    private static final String FIRST = "Subject: first\r\nMessage-ID: <1@example.org>\r\n\r\n.dotted\r\nbody one\r\n";
    private static final String SECOND = "Subject: second\r\nMessage-ID: <2@example.org>\r\n\r\nbody two\r\n";

    @AutoClose
    private final Pop3Fixture fixture = new Pop3Fixture();
    private final Pop3Process server = fixture.start(Settings.defaults().plaintextRefused());
    private final SSLContext tls = fixture.clientTls();

    @Test
    void angusMailOverStlsReadsMessagesAndUidsAndDeletesOnClose() throws Exception {
        Properties properties = angus("pop3", server.port());
        properties.put("mail.pop3.starttls.enable", "true");
        properties.put("mail.pop3.starttls.required", "true");
        readAndDeleteFirst(properties, "pop3");
    }

    @Test
    void angusMailOverPop3sReadsMessagesAndUidsAndDeletesOnClose() throws Exception {
        readAndDeleteFirst(angus("pop3s", server.tlsPort()), "pop3s");
    }

    @Test
    void commonsNetOverStlsListsRetrievesAndDeletes() throws Exception {
        POP3SClient client = new POP3SClient(false, tls);
        client.setDefaultTimeout(20_000);
        client.connect("127.0.0.1", server.port());
        assertThat(client.execTLS()).isTrue();
        listRetrieveAndDeleteSecond(client);
    }

    @Test
    void commonsNetOverPop3sListsRetrievesAndDeletes() throws Exception {
        POP3SClient client = new POP3SClient(true, tls);
        client.setDefaultTimeout(20_000);
        client.connect("127.0.0.1", server.tlsPort());
        listRetrieveAndDeleteSecond(client);
    }

    private Properties angus(String protocol, int port) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".host", "127.0.0.1");
        properties.put("mail." + protocol + ".port", Integer.toString(port));
        properties.put("mail." + protocol + ".timeout", "20000");
        properties.put("mail." + protocol + ".ssl.socketFactory", tls.getSocketFactory());
        // the test certificate names pop.example.com, the client connects to 127.0.0.1
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        return properties;
    }

    private void readAndDeleteFirst(Properties properties, String protocol) throws Exception {
        fixture.deliver(ALICE, FIRST);
        fixture.deliver(ALICE, SECOND);
        Store store = Session.getInstance(properties).getStore(protocol);
        store.connect(ALICE, PASSWORD);
        try {
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] messages = inbox.getMessages();
            assertThat(messages).hasSize(2);
            assertThat(messages[0].getSubject()).isEqualTo("first");
            assertThat(messages[0].getHeader("Return-Path")).containsExactly("<sender@example.org>");
            assertThat(raw(messages[0])).isEqualTo(RETURN_PATH + FIRST);
            assertThat(raw(messages[1])).isEqualTo(RETURN_PATH + SECOND);
            assertThat(inbox.getUID(messages[0])).isNotEqualTo(inbox.getUID(messages[1])).matches("[0-9]+\\.1");
            messages[0].setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        } finally {
            store.close();
        }
        assertThat(fixture.entries(ALICE)).hasSize(1);
    }

    private void listRetrieveAndDeleteSecond(POP3SClient client) throws Exception {
        fixture.deliver(ALICE, FIRST);
        fixture.deliver(ALICE, SECOND);
        try {
            assertThat(client.login(ALICE, PASSWORD)).isTrue();
            assertThat(client.status().number).isEqualTo(2);
            POP3MessageInfo[] uids = client.listUniqueIdentifiers();
            assertThat(Arrays.stream(uids).map(info -> info.identifier)).doesNotHaveDuplicates().hasSize(2);
            assertThat(client.listMessage(2).size).isEqualTo(RETURN_PATH.length() + SECOND.length());
            assertThat(read(client.retrieveMessage(1))).isEqualTo(RETURN_PATH + FIRST);
            assertThat(read(client.retrieveMessageTop(2, 0))).isEqualTo(RETURN_PATH + "Subject: second\r\nMessage-ID: <2@example.org>\r\n\r\n");
            assertThat(client.deleteMessage(2)).isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }
        assertThat(fixture.entries(ALICE)).hasSize(1);
    }

    private static String raw(Message message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String read(Reader reader) throws Exception {
        StringBuilder text = new StringBuilder();
        try (reader) {
            char[] buffer = new char[4096];
            for (int n = reader.read(buffer); n > 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
        }
        return text.toString();
    }
}

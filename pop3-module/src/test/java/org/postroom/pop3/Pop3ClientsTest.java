package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.pop3.Pop3Fixture.ALICE;
import static org.postroom.pop3.Pop3Fixture.PASSWORD;

import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

/** Real POP3 clients against the real listener: Angus Mail (Jakarta Mail) and Apache Commons Net. */
class Pop3ClientsTest {

    private static final String FIRST = "Subject: first\r\nMessage-ID: <1@example.org>\r\n\r\n.dotted\r\nbody one\r\n";
    private static final String SECOND = "Subject: second\r\nMessage-ID: <2@example.org>\r\n\r\nbody two\r\n";

    private final Pop3Fixture fixture = new Pop3Fixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void angusMailReadsMessagesAndUidsAndDeletesOnClose() throws Exception {
        fixture.deliver(ALICE, FIRST);
        fixture.deliver(ALICE, SECOND);
        Properties properties = new Properties();
        properties.put("mail.pop3.host", "127.0.0.1");
        properties.put("mail.pop3.port", Integer.toString(fixture.start().port()));
        properties.put("mail.pop3.timeout", "20000");
        Store store = Session.getInstance(properties).getStore("pop3");
        store.connect(ALICE, PASSWORD);
        try {
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] messages = inbox.getMessages();
            assertThat(messages).hasSize(2);
            assertThat(messages[0].getSubject()).isEqualTo("first");
            assertThat(raw(messages[0])).isEqualTo(FIRST);
            assertThat(raw(messages[1])).isEqualTo(SECOND);
            assertThat(inbox.getUID(messages[0])).isNotEqualTo(inbox.getUID(messages[1])).matches("[0-9]+\\.1");
            messages[0].setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        } finally {
            store.close();
        }
        assertThat(fixture.entries(ALICE)).hasSize(1);
    }

    @Test
    void commonsNetListsRetrievesAndDeletes() throws Exception {
        fixture.deliver(ALICE, FIRST);
        fixture.deliver(ALICE, SECOND);
        POP3Client client = new POP3Client();
        client.setDefaultTimeout(20_000);
        client.connect("127.0.0.1", fixture.start().port());
        try {
            assertThat(client.login(ALICE, PASSWORD)).isTrue();
            assertThat(client.status().number).isEqualTo(2);
            POP3MessageInfo[] uids = client.listUniqueIdentifiers();
            assertThat(Arrays.stream(uids).map(info -> info.identifier)).doesNotHaveDuplicates().hasSize(2);
            assertThat(client.listMessage(2).size).isEqualTo(SECOND.length());
            assertThat(read(client.retrieveMessage(1))).isEqualTo(FIRST);
            assertThat(read(client.retrieveMessageTop(2, 0))).isEqualTo("Subject: second\r\nMessage-ID: <2@example.org>\r\n\r\n");
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

    /** Commons Net hands the message with CRLF line ends turned into its reader's lines. */
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

package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;

/** A mail program's download over POP3S with Commons Net, for the tests that end at the user's mail program. */
final class Pop3Downloads {

    private Pop3Downloads() {
    }

    /** Every message in the maildrop of {@code address}, in order, as the mail program downloads them (none deleted). */
    static List<String> retrieveAll(int port, SSLContext tls, String address, String password) throws Exception {
        POP3SClient client = new POP3SClient(true, tls);
        client.connect("127.0.0.1", port);
        try {
            assertThat(client.login(address, password)).isTrue();
            List<String> messages = new ArrayList<>();
            for (POP3MessageInfo info : client.listMessages()) {
                try (Reader reader = client.retrieveMessage(info.number)) {
                    messages.add(read(reader));
                }
            }
            client.logout();
            return messages;
        } finally {
            client.disconnect();
        }
    }

    private static String read(Reader reader) throws Exception {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int n; (n = reader.read(buffer)) > 0; ) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }
}

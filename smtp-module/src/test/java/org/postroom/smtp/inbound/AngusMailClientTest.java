package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Angus Mail (Jakarta Mail), the SMTP client of many Java programs, against the real listeners:
 * as a mail client submitting with STARTTLS or implicit TLS and AUTH PLAIN or LOGIN, and as a
 * remote server delivering to port 25.
 */
class AngusMailClientTest {

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private TestListener listener;

    @Test
    void aMailClientSubmitsWithStartTlsAndAuthPlainToLocalAndRemoteRecipients() throws Exception {
        listener = bed.submission();
        Properties props = withStartTls(client("smtp"));
        props.put("mail.smtp.auth.mechanisms", "PLAIN");

        String reply = send(props, "smtp", "alice@example.com", "bob@example.com", "far@elsewhere.test");

        assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(text(bed.mail().inbox("bob@example.com").get(0))).contains("with ESMTPSA", "Subject: from Angus");
        assertThat(bed.mail().queuedRecipients()).containsExactly("far@elsewhere.test");
    }

    @Test
    void aMailClientSubmitsWithStartTlsAndAuthLogin() throws Exception {
        listener = bed.submission();
        Properties props = withStartTls(client("smtp"));
        props.put("mail.smtp.auth.mechanisms", "LOGIN");

        assertThat(send(props, "smtp", "alice@example.com", "bob@example.com")).startsWith("250 2.0.0");
        assertThat(bed.mail().inbox("bob@example.com")).hasSize(1);
    }

    @Test
    void aMailClientSubmitsOverImplicitTls() throws Exception {
        listener = bed.submissions();
        Properties props = client("smtps");
        props.put("mail.smtps.auth.mechanisms", "LOGIN");

        assertThat(send(props, "smtps", "alice@example.com", "bob@example.com")).startsWith("250 2.0.0");
        assertThat(text(bed.mail().inbox("bob@example.com").get(0))).contains("with ESMTPSA");
    }

    @Test
    void aWrongPasswordFailsTheLogin() {
        listener = bed.submission();
        Session session = Session.getInstance(withStartTls(client("smtp")));
        assertThatThrownBy(() -> {
            try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
                transport.connect("127.0.0.1", listener.port(), "alice@example.com", "not the password");
            }
        }).isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535 5.7.8");
    }

    @Test
    void aRemoteServerDeliversToSeveralLocalRecipientsOnPort25WithOpportunisticTls() throws Exception {
        listener = bed.mx();
        Properties props = client("smtp");
        props.put("mail.smtp.auth", "false");
        props.put("mail.smtp.starttls.enable", "true");

        Session session = Session.getInstance(props);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect("127.0.0.1", listener.port(), null, null);
            assertThat(transport.isSSL()).as("upgraded with STARTTLS").isTrue();
            transport.sendMessage(message(session, "far@elsewhere.test"), addresses("alice@example.com", "team@example.com"));
            assertThat(transport.getLastServerResponse()).startsWith("250 2.0.0");
        }
        assertThat(text(bed.mail().inbox("alice@example.com").get(0))).contains("with ESMTPS", "(using TLSv1.3 with cipher");
        assertThat(bed.mail().inbox("bob@example.com")).hasSize(1);
        assertThat(bed.mail().storedMessages()).isEqualTo(1);
    }

    private Properties client(String protocol) {
        Properties props = new Properties();
        props.put("mail." + protocol + ".host", "127.0.0.1");
        props.put("mail." + protocol + ".port", Integer.toString(listener.port()));
        props.put("mail." + protocol + ".auth", "true");
        props.put("mail." + protocol + ".localhost", "laptop.example.com");
        props.put("mail." + protocol + ".ssl.trust", "*");
        props.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        props.put("mail." + protocol + ".connectiontimeout", "20000");
        props.put("mail." + protocol + ".timeout", "20000");
        return props;
    }

    /** A mail client that insists on STARTTLS before it logs in. */
    private static Properties withStartTls(Properties props) {
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        return props;
    }

    /** Sends as alice and returns the server's reply to the data. */
    private String send(Properties props, String protocol, String from, String... to) throws Exception {
        Session session = Session.getInstance(props);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport(protocol)) {
            transport.connect("127.0.0.1", listener.port(), "alice@example.com", TestMailSystem.PASSWORD);
            assertThat(transport.isSSL()).isTrue();
            transport.sendMessage(message(session, from), addresses(to));
            return transport.getLastServerResponse();
        }
    }

    private static MimeMessage message(Session session, String from) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, "team@example.com");
        message.setSubject("from Angus");
        message.setText("Hello from a real client.\n");
        message.saveChanges();
        return message;
    }

    private static Address[] addresses(String... addresses) throws Exception {
        Address[] result = new Address[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            result[i] = new InternetAddress(addresses[i]);
        }
        return result;
    }

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.US_ASCII);
    }
}

package org.postroom.smtp.outbound;

import static org.postroom.smtp.reply.Codes.C250_COMPLETED;
import static org.postroom.smtp.reply.Codes.SE_CONTENT6_NON_ASCII_ADDRESS7;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.postroom.smtp.outbound.DeliveryOutcome.Delivered;
import org.postroom.smtp.outbound.TransactionResult.Answered;
import org.postroom.smtp.outbound.TransactionResult.HostFailed;
import org.postroom.smtp.reply.Diagnosis;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

/**
 * One SMTP transaction with one server, on Angus Mail: EHLO with our host name, STARTTLS as the
 * hop's {@link TlsMode} says, AUTH for the relay (only ever inside verified TLS), MAIL, one RCPT
 * per recipient, DATA with the stored bytes exactly as they are, and every reply turned into a
 * {@link DeliveryOutcome}.
 *
 * <p>Angus facts this relies on (LIBRARY-NOTES): {@code sendpartial} so that one refused RCPT does
 * not cancel the others; the message's {@code writeTo} overridden so Angus writes our bytes (it
 * only dot-stuffs them) instead of re-encoding a parsed MimeMessage; {@code allow8bitmime} left
 * off, as it rewrites bodies; the envelope sender {@code <>} spelled out, as an empty one would
 * fall back to the From: header.
 */
final class SmtpClient {

    /** The command Angus names when the reply to the final dot failed the transaction (LIBRARY-NOTES). */
    private static final String END_OF_DATA = ".";

    private final DeliverySettings settings;

    SmtpClient(DeliverySettings settings) {
        this.settings = settings;
    }

    /**
     * Sends {@code message} from {@code sender} ("" for the null sender) to {@code recipients}
     * through {@code hop}, connecting to {@code connectTo} (an address of the hop, or its name
     * when the certificate is to be verified against it) with {@code tls}.
     */
    TransactionResult send(NextHop hop, String connectTo, TlsMode tls, String sender, List<String> recipients,
            OutgoingMessage message) {
        boolean international = !isAscii(sender) || recipients.stream().anyMatch(r -> !isAscii(r));
        Session session = Session.getInstance(ClientProperties.of(settings, hop, connectTo, tls, international));
        String nextHop = hop.toString();
        SMTPTransport transport;
        try {
            transport = (SMTPTransport) session.getTransport("smtp");
        } catch (MessagingException e) {
            throw new IllegalStateException("Angus Mail's SMTP provider is missing", e);
        }
        try {
            connect(transport, hop);
        } catch (MessagingException e) {
            return ConnectionFailures.classify(transport, e, hop);
        }
        try {
            if (international && !transport.supportsExtension("SMTPUTF8")) {
                // RFC 6531 §3.2: without the extension an address with UTF-8 in it cannot be sent at all
                return new HostFailed(Diagnosis.permanent(SE_CONTENT6_NON_ASCII_ADDRESS7, nextHop
                        + " does not support SMTPUTF8, which an address of this message needs"), false);
            }
            StoredMessage outgoing = new StoredMessage(session, message);
            outgoing.setEnvelopeFrom(sender.isEmpty() ? "<>" : sender);
            if (message.eightBit() && transport.supportsExtension("8BITMIME")) {
                outgoing.setMailExtension("BODY=8BITMIME");
            }
            transport.sendMessage(outgoing, addresses(recipients));
            Map<String, DeliveryOutcome> outcomes = new HashMap<>();
            String reply = Diagnosis.remote(transport.getLastReturnCode(), transport.getLastServerResponse()).text();
            recipients.forEach(r -> outcomes.put(r, new Delivered(nextHop, reply)));
            return new Answered(outcomes);
        } catch (SMTPSendFailedException e) {
            return sendFailed(e, recipients, nextHop);
        } catch (SendFailedException e) {
            // every RCPT refused: Angus sent no DATA
            return new Answered(RecipientReplies.of(e, recipients, nextHop, null, null));
        } catch (MessagingException e) {
            return ConnectionFailures.classify(transport, e, hop);
        } finally {
            try {
                transport.close();
            } catch (MessagingException closing) {
                // the QUIT after the transaction; its failure changes nothing that was decided
            }
        }
    }

    private static void connect(SMTPTransport transport, NextHop hop) throws MessagingException {
        if (hop.logsIn()) {
            transport.connect(hop.relay().username(), hop.relay().password());
        } else {
            transport.connect();
        }
    }

    private static TransactionResult sendFailed(SMTPSendFailedException e, List<String> recipients, String nextHop) {
        int code = e.getReturnCode();
        Diagnosis reply = Diagnosis.remote(code, e.getMessage());
        if (e.getCommand() != null && e.getCommand().startsWith("MAIL")) {
            if (reply.isPermanent()) {
                Map<String, DeliveryOutcome> all = new HashMap<>();
                recipients.forEach(r -> all.put(r, DeliveryOutcome.notDelivered(nextHop, reply)));
                return new Answered(all);
            }
            return new HostFailed(reply, false);
        }
        // 250 to the final dot: the recipients Angus does not list as refused got it. Anything else
        // (a refusal of DATA or of the data, or a 250 to DATA itself, which takes no message)
        // leaves every accepted recipient without the message
        boolean accepted = code == C250_COMPLETED && END_OF_DATA.equals(e.getCommand());
        return new Answered(RecipientReplies.of(e, recipients, nextHop, accepted ? reply.text() : null,
                accepted ? null : reply));
    }

    private static Address[] addresses(List<String> recipients) {
        Address[] addresses = new Address[recipients.size()];
        for (int i = 0; i < addresses.length; i++) {
            InternetAddress address = new InternetAddress();
            // set, not parsed: the address was checked when it was received and goes out as it came
            address.setAddress(recipients.get(i));
            addresses[i] = address;
        }
        return addresses;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** Writes the outgoing bytes as they are; Angus only adds the dot-stuffing. */
    private static final class StoredMessage extends SMTPMessage {
        private final OutgoingMessage message;

        StoredMessage(Session session, OutgoingMessage message) {
            super(session);
            this.message = message;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            message.writeTo(out);
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
            message.writeTo(out);
        }
    }
}

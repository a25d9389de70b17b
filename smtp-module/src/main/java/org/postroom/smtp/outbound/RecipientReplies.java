package org.postroom.smtp.outbound;

import static org.postroom.smtp.reply.Codes.SE_NET4_BAD_CONNECTION2;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.postroom.smtp.outbound.DeliveryOutcome.Delivered;
import org.postroom.smtp.reply.Diagnosis;

import jakarta.mail.MessagingException;

/**
 * Sorts the recipients of a partly failed transaction by what the server said to each. Angus
 * chains one {@link SMTPAddressFailedException} per refused RCPT; its own valid/invalid split is
 * not used, since it files a 552 among the temporary failures (LIBRARY-NOTES), while the reply
 * code's class is what decides.
 */
final class RecipientReplies {

    private RecipientReplies() {
    }

    /**
     * @param acceptedReply the reply to the final dot when the data went through, else null
     * @param dataRefused the reply that refused the data for every accepted recipient, else null
     */
    static Map<String, DeliveryOutcome> of(MessagingException failure, List<String> recipients, String nextHop,
            String acceptedReply, Diagnosis dataRefused) {
        Map<String, Diagnosis> refused = new HashMap<>();
        for (Exception next = failure.getNextException(); next != null;
                next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException rcpt) {
                refused.put(rcpt.getAddress().getAddress(), Diagnosis.remote(rcpt.getReturnCode(), rcpt.getMessage()));
            }
        }
        Map<String, DeliveryOutcome> outcomes = new HashMap<>();
        for (String recipient : recipients) {
            Diagnosis diagnosis = refused.get(recipient);
            if (diagnosis != null) {
                outcomes.put(recipient, DeliveryOutcome.notDelivered(nextHop, diagnosis));
            } else if (dataRefused != null) {
                outcomes.put(recipient, DeliveryOutcome.notDelivered(nextHop, dataRefused));
            } else if (acceptedReply != null) {
                outcomes.put(recipient, new Delivered(nextHop, acceptedReply));
            } else {
                outcomes.put(recipient, DeliveryOutcome.notDelivered(nextHop,
                        Diagnosis.temporary(SE_NET4_BAD_CONNECTION2, "the server gave no reply for this recipient")));
            }
        }
        return outcomes;
    }
}

package org.postroom.admin.quarantine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.postroom.storage.Database;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.quarantine.Quarantine;

/**
 * A message held as the MX holds one whose DMARC check failed under {@code p=quarantine}: through
 * storage's API, with the verdicts the checks would have given.
 */
public final class DmarcHold {

    public static final String SENDER = "ceo@bank.example";
    public static final List<MessageCheck> CHECKS = List.of(
            new MessageCheck("spf", "fail", "smtp.mailfrom=bank.example"),
            new MessageCheck("dkim", "none", ""),
            new MessageCheck("dmarc", "fail", "header.from=bank.example p=quarantine"));

    private DmarcHold() {
    }

    /** Holds {@code content} for the local {@code recipients}; returns its id. */
    public static long hold(Quarantine quarantine, Database db, String content, String... recipients)
            throws IOException {
        MailDirectory directory = new MailDirectory(db);
        List<Recipient> resolved = Arrays.stream(recipients)
                .map(address -> Recipient.resolved(address, (Deliverable) directory.resolve(address))).toList();
        return quarantine.hold(SENDER, MessageOrigin.RECEIVED, resolved,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "dmarc", CHECKS).messageId();
    }
}

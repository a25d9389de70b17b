package org.postroom.smtp.inbound.limits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

import org.postroom.smtp.message.ServerNotice;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.Unattended;
import org.postroom.storage.limits.Suspension;
import org.postroom.storage.mailbox.DeliveryReceipt;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.quarantine.Quarantine;


/**
 * The message that tells the postmaster of a suspended user's domain what happened and where to
 * lift it, its words from the {@code texts} bundle of this package, in the shape of the server's
 * other notices ({@link ServerNotice}). Delivered like any mail to postmaster@ (its user, alias or postmaster target,
 * through the mail store); with no one to read it, it waits in the quarantine (reason {@code
 * role-address}) as other postmaster mail does.
 */
public final class SuspensionNotices {

    private static final String TEXTS = SuspensionNotices.class.getPackageName() + ".texts";
    private static final String HOLD_REASON = "role-address";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final MailDirectory directory;
    private final MailStore store;
    private final Quarantine quarantine;
    private final String hostname;
    private final URI console;
    private final Clock clock;
    private final ResourceBundle texts;
    private final Locale locale;

    /**
     * @param console the console as administrators reach it ({@code postroom.web.public-url}); the
     *        notice links to the user's page there
     */
    public SuspensionNotices(MailDirectory directory, MailStore store, Quarantine quarantine, String hostname,
            URI console, Clock clock, Locale locale) {
        this.directory = directory;
        this.store = store;
        this.quarantine = quarantine;
        this.hostname = hostname;
        this.console = console;
        this.clock = clock;
        this.texts = ResourceBundle.getBundle(TEXTS, locale);
        this.locale = locale;
    }

    /**
     * Stores the notice of {@code suspension} (after {@code refusals} refusals in a day) for
     * postmaster@ of the user's domain, and says where it went, for the log line.
     *
     * @throws org.postroom.storage.StorageUnavailableException when the database fails (the
     *         suspension stays in force; the console shows it)
     */
    public String send(Suspension suspension, int refusals) {
        String postmaster = "postmaster@" + Address.of(suspension.address()).domain();
        byte[] notice = compose(suspension, refusals, postmaster);
        RecipientResolution resolution = directory.resolve(postmaster);
        try {
            if (resolution instanceof Deliverable deliverable) {
                DeliveryReceipt receipt = store.deliver("", MessageOrigin.GENERATED,
                        List.of(Recipient.resolved(postmaster, deliverable)), new ByteArrayInputStream(notice));
                return receipt.stored() ? "notice to <" + postmaster + "> stored as message " + receipt.messageId()
                        : "notice to <" + postmaster + "> not stored: mailbox full";
            }
            if (resolution instanceof Unattended) {
                String queueId = quarantine.hold("", MessageOrigin.GENERATED,
                        List.of(new Recipient(postmaster, Set.of(), Set.of())), new ByteArrayInputStream(notice),
                        HOLD_REASON, List.of()).queueId();
                return "notice to <" + postmaster + "> held in quarantine as " + queueId + ": no one reads it";
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a notice in memory cannot fail to read", e);
        }
        return "no notice: <" + postmaster + "> takes no mail";
    }

    /** The notice as a whole message, CRLF line endings. */
    byte[] compose(Suspension suspension, int refusals, String postmaster) {
        return ServerNotice.compose(hostname, text("from.name"), postmaster, text("subject", suspension.address()),
                clock.instant(), String.join("\r\n", List.of(
                        text("greeting"), "",
                        text("what", suspension.address(), WHEN.format(suspension.suspendedAt())),
                        text("why." + suspension.reason().key(), refusals), "",
                        text("still"), "",
                        text("lift"), "",
                        "  " + console + "/users/" + suspension.address(), "",
                        text("closing"))));
    }

    private String text(String key, Object... arguments) {
        return new MessageFormat(texts.getString(key), locale).format(arguments);
    }
}

package org.postroom.smtp.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.smtp.inbound.hook.AddressOwnership;
import org.postroom.smtp.inbound.hook.PasswordAuthHook;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.message.FromField;
import org.postroom.smtp.message.FromField.Absent;
import org.postroom.smtp.message.FromField.Authors;
import org.postroom.smtp.message.FromField.Defect;
import org.postroom.smtp.message.FromField.Invalid;
import org.postroom.smtp.message.MessageHeaders;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.MailDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Submission, at the end of DATA: the From: field is what a reader and DMARC take for the author,
 * and what outbound delivery signs for, so it may name only addresses the authenticated user may
 * send as ({@link AddressOwnership}, the rule of MAIL FROM). A message whose From: names anyone
 * else, or cannot be read unambiguously ({@link FromField.Invalid}), is refused whole with 550
 * 5.7.1 before anything is stored, logged with its {@link Refusal} reason and counted in {@code
 * postroom.smtp.from.refused} (tag {@code reason}) besides the session's {@code
 * postroom.smtp.refusals}. A message without From: claims no one and passes; it is signed, if at
 * all, for the envelope sender's domain, which the user owns.
 *
 * <p>Runs before {@link StoreMessageHook}; a message refused here is discarded when James ends the
 * transaction.
 */
final class FromOwnershipHook extends StorageBackedHook implements MessageHook {

    private static final Logger log = LoggerFactory.getLogger(FromOwnershipHook.class);

    private final AddressOwnership ownership;
    private final MeterRegistry meters;

    FromOwnershipHook(MailDirectory directory, MeterRegistry meters) {
        this.ownership = new AddressOwnership(directory);
        this.meters = meters;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope message) {
        AuthenticatedUser user = PasswordAuthHook.user(session)
                .orElseThrow(() -> new IllegalStateException("FromOwnershipHook runs only on submission, after AUTH"));
        try (InputStream content = message.getMessageInputStream()) {
            FromField from = FromField.of(MessageHeaders.read(content));
            return withStorage(session, "check the From field", () -> decide(session, user, from));
        } catch (IOException e) {
            log.warn("session {}: could not read the spooled message, answered {}: {}", session.getSessionID(),
                    Replies.TRY_LATER.line(), e.toString());
            return Verdicts.of(Replies.TRY_LATER);
        }
    }

    private HookResult decide(SMTPSession session, AuthenticatedUser user, FromField from) {
        if (from instanceof Absent) {
            return HookResult.DECLINED;
        }
        if (from instanceof Invalid invalid) {
            return refuse(session, user, reason(invalid.defect()), List.of());
        }
        List<String> authors = ((Authors) from).addresses();
        List<String> foreign = authors.stream().filter(address -> !ownership.mayUse(user, address)).toList();
        return foreign.isEmpty() ? HookResult.DECLINED : refuse(session, user, Refusal.FROM_NOT_OWNED, foreign);
    }

    private static Refusal reason(Defect defect) {
        return switch (defect) {
            case SEVERAL_FIELDS -> Refusal.SEVERAL_FROM_FIELDS;
            case UNPARSEABLE -> Refusal.FROM_UNPARSEABLE;
            case NO_ADDRESS -> Refusal.FROM_NAMES_NO_ONE;
            case HEADER_TOO_LONG -> Refusal.HEADER_TOO_LONG;
        };
    }

    private HookResult refuse(SMTPSession session, AuthenticatedUser user, Refusal reason, List<String> addresses) {
        log.info("session {}: message refused with {}: reason={} user={} from={}", session.getSessionID(),
                reason.reply().line(), reason, user.address(),
                addresses.isEmpty() ? "-" : Printable.of(String.join(",", addresses)));
        Counter.builder("postroom.smtp.from.refused")
                .description("submitted messages refused for their From: field, by reason")
                .tag("reason", reason.key()).register(meters).increment();
        SessionRecord.of(session).ifPresent(record -> record.refusing(reason));
        return Verdicts.of(reason.reply());
    }
}

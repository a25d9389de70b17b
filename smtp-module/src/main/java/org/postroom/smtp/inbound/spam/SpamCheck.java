package org.postroom.smtp.inbound.spam;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.listener.ProtocolListener;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.inbound.senders.AllowListed;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.postroom.smtp.rspamd.MessageBody;
import org.postroom.smtp.rspamd.RspamdException;
import org.postroom.smtp.rspamd.RspamdScanner;
import org.postroom.smtp.rspamd.ScanRequest;
import org.postroom.smtp.rspamd.ScanResult;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.Address;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.spam.SpamPolicies;
import org.postroom.storage.spam.SpamPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spam check at the end of DATA, after the authentication checks and before the commit, on the
 * listener's hook thread: the message goes to rspamd ({@link RspamdScanner}) with the session's
 * facts, and rspamd's action decides. {@code reject} (and {@code discard}, which Postroom never
 * does silently): 550 5.7.1 with rspamd's message. {@code soft reject}, {@code greylist}: 451
 * 4.7.1. {@code add header}, {@code rewrite subject}: on port 25 delivered with X-Spam fields and
 * the Subject tagged as the recipients' domain says ({@link SpamPolicy}; the first recipient's
 * domain names the tag), or held in the quarantine when any recipient's domain holds spam; a
 * sender on every recipient's allow list is neither tagged nor held. {@code quarantine}: held.
 * {@code no action}: delivered, with the score. The verdict (action, score, symbols) is stored with
 * the message either way ({@link SpamFindings}).
 *
 * <p>Submitted mail is scanned the same way, as rspamd's outbound mail (the {@code User} header):
 * a reject refuses the submission and is counted against the user; anything rspamd lets pass goes
 * out as it was written. A message over the scan limit is not sent to rspamd (counted); rspamd not
 * reachable, or slower than its timeout, is counted, logged once a minute at most, and then
 * delivered unscanned or refused with 451 4.7.0 ({@link FailMode}). Nothing is ever answered 250
 * here: the commit does that, after this.
 */
final class SpamCheck extends StorageBackedHook implements MessageHook {

    private static final Logger log = LoggerFactory.getLogger(SpamCheck.class);
    private static final String METHOD = "rspamd";

    private final RspamdScanner scanner;
    private final long maxSize;
    private final FailMode failMode;
    private final SpamPolicies policies;
    private final SpamMeters meters;
    private final FailureLog failures;
    private final boolean inbound;

    SpamCheck(RspamdScanner scanner, long maxSize, FailMode failMode, SpamPolicies policies, SpamMeters meters,
            FailureLog failures, boolean inbound) {
        this.scanner = scanner;
        this.maxSize = maxSize;
        this.failMode = failMode;
        this.policies = policies;
        this.meters = meters;
        this.failures = failures;
        this.inbound = inbound;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope message) {
        String listener = ProtocolListener.nameOf(session);
        long size = message.getSize();
        if (size > maxSize) {
            meters.scanned(listener, SpamMeters.TOO_LARGE);
            log.info("session {}: message from <{}> of {} bytes not scanned by rspamd: over the scan limit of {}",
                    session.getSessionID(), sender(message), size, maxSize);
            unscanned(session, "skipped", "not scanned: " + size + " bytes, over the scan limit of " + maxSize);
            return HookResult.DECLINED;
        }
        ScanResult result;
        try {
            result = scanner.scan(request(session, message), body(message));
        } catch (RspamdException e) {
            return failed(session, listener, e.getMessage());
        }
        meters.scanned(listener, result.action().key());
        return switch (result.action()) {
            case REJECT, DISCARD -> reject(session, message, result);
            case SOFT_REJECT, GREYLIST -> refuse(session, message, result, Replies.SPAM_DEFERRED);
            case NO_ACTION -> deliver(session, message, result, false, false);
            case ADD_HEADER, REWRITE_SUBJECT -> deliver(session, message, result, true, false);
            case QUARANTINE -> deliver(session, message, result, true, true);
        };
    }

    /** rspamd could not be asked: delivered unscanned (fail open) or refused for now (fail closed). */
    private HookResult failed(SMTPSession session, String listener, String reason) {
        if (failMode == FailMode.CLOSED) {
            meters.scanned(listener, SpamMeters.FAILED_CLOSED);
            failures.failed(reason, "refusing mail with " + Replies.SPAM_FILTER_UNAVAILABLE.codes() + " (fail closed)");
            log.info("session {}: message refused with {}: reason=spam-filter-unavailable", session.getSessionID(),
                    Replies.SPAM_FILTER_UNAVAILABLE.codes());
            return Verdicts.of(Replies.SPAM_FILTER_UNAVAILABLE);
        }
        meters.scanned(listener, SpamMeters.FAILED_OPEN);
        failures.failed(reason, "delivering mail unscanned (fail open)");
        unscanned(session, "temperror", "not scanned: " + reason);
        return HookResult.DECLINED;
    }

    private HookResult reject(SMTPSession session, MailEnvelope message, ScanResult result) {
        Optional<String> user = user(session);
        user.ifPresent(meters::outboundRejected);
        return refuse(session, message, result, Replies.spamRejected(result.message()));
    }

    private HookResult refuse(SMTPSession session, MailEnvelope message, ScanResult result, Reply reply) {
        log.info("session {}: message from <{}> refused with {}: reason={} user={} action={} {}",
                session.getSessionID(), sender(message), reply.codes(),
                reply.isPermanent() ? "spam-rejected" : "spam-deferred", user(session).orElse("-"),
                result.action().key(), result.detail());
        return Verdicts.of(reply);
    }

    /**
     * rspamd lets the message in: stored with its verdict; {@code spam} marks it (fields, tag or
     * hold as the domains say, on port 25), {@code hold} holds it whatever they say.
     */
    private HookResult deliver(SMTPSession session, MailEnvelope message, ScanResult result, boolean spam,
            boolean hold) {
        MessageCheck verdict = new MessageCheck(METHOD, result.action().key(), result.detail());
        if (!inbound) {
            new SpamFindings(verdict, List.of(), "", hold, false).attachTo(session);
            return HookResult.DECLINED;
        }
        List<String> fields = SpamHeaders.fields(result, spam);
        if (!spam) {
            new SpamFindings(verdict, fields, "", false, true).attachTo(session);
            return HookResult.DECLINED;
        }
        return withStorage(session, "read the spam policies of the recipients' domains", () -> {
            List<String> recipients = message.getRecipients().stream().map(MailAddress::asString).toList();
            boolean allowListed = AllowListed.forAll(session, recipients);
            Map<String, SpamPolicy> byDomain = policiesOf(recipients);
            boolean held = hold || !allowListed && byDomain.values().stream().anyMatch(SpamPolicy::hold);
            String tag = held || allowListed ? "" : byDomain.values().stream().findFirst()
                    .orElse(SpamPolicy.DEFAULT).subjectTag();
            new SpamFindings(verdict, fields, tag, held, true).attachTo(session);
            log.info("session {}: message from <{}> is spam to rspamd, {}: action={} {}", session.getSessionID(),
                    sender(message), held ? "held in quarantine" : allowListed ? "delivered untagged (allow-listed)"
                            : "delivered tagged '" + tag + "'", result.action().key(), result.detail());
            return HookResult.DECLINED;
        });
    }

    /** The spam policy of each recipient's domain, in RCPT order; one no longer ours has the default. */
    private Map<String, SpamPolicy> policiesOf(List<String> recipients) {
        List<String> domains = recipients.stream().map(recipient -> Address.of(recipient).domain()).distinct().toList();
        Map<String, SpamPolicy> found = policies.of(domains);
        Map<String, SpamPolicy> ordered = new LinkedHashMap<>();
        domains.forEach(domain -> ordered.put(domain, found.getOrDefault(domain, SpamPolicy.DEFAULT)));
        return ordered;
    }

    /** The message goes on unscanned, its verdict saying why. */
    private void unscanned(SMTPSession session, String result, String detail) {
        new SpamFindings(new MessageCheck(METHOD, result, detail), List.of(), "", false, inbound).attachTo(session);
    }

    /** The session's facts as rspamd's request headers take them. */
    private static ScanRequest request(SMTPSession session, MailEnvelope message) {
        Optional<SSLSession> tls = session.isTLSStarted() ? session.getSSLSession() : Optional.empty();
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        int scope = client.indexOf('%');
        return new ScanRequest(scope < 0 ? client : client.substring(0, scope),
                session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse(null),
                message.getMaybeSender().isNullSender() ? "" : message.getMaybeSender().asString(),
                message.getRecipients().stream().map(MailAddress::asString).toList(),
                user(session).orElse(null),
                tls.map(SSLSession::getProtocol).orElse(null), tls.map(SSLSession::getCipherSuite).orElse(null),
                session.getSessionID(), session.getConfiguration().getHelloName());
    }

    private static MessageBody body(MailEnvelope message) {
        return new MessageBody() {
            @Override
            public InputStream open() throws IOException {
                return message.getMessageInputStream();
            }

            @Override
            public long size() {
                return message.getSize();
            }
        };
    }

    private static Optional<String> user(SMTPSession session) {
        return Optional.ofNullable(session.getUsername()).map(username -> username.asString());
    }

    private static String sender(MailEnvelope message) {
        return message.getMaybeSender().isNullSender() ? "" : Printable.of(message.getMaybeSender().asString());
    }
}

package org.postroom.smtp.inbound;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Codes;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.Printable;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.directory.MailDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's RCPT command with RCPT before MAIL answered 503 5.5.1 (James says 5.5.0) and an
 * unsupported RCPT parameter, such as the DSN extension's NOTIFY that Postroom does not offer,
 * answered 555 5.5.4 as RFC 5321 §4.1.1.11 says (James sends 504 without an enhanced status code),
 * a recipient with a character RFC 5321 does not allow there refused with 501 5.1.3, and one whose
 * characters make no address with 553 5.1.3 ({@link AddressArgument}) in a log line of its own
 * rather than James's stack trace. A recipient without a domain is refused with 501 5.1.3, but for
 * {@code <postmaster>}, which RFC 5321 §4.5.1 requires without one: it is the postmaster of the
 * server's own domain ({@link MailDirectory#serverDomain}).
 */
final class RcptCommand extends RcptCmdHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(RcptCommand.class);
    private static final String PARAMETER_NOT_IMPLEMENTED = Integer.toString(Codes.C504_PARAMETER_NOT_IMPLEMENTED);

    private static final Pattern BARE_PATH = Pattern.compile("(?i)TO:\\s*<([^@>]*)>(.*)");

    private final MailDirectory directory;
    private final String hostname;

    RcptCommand(MetricFactory metrics, MailDirectory directory, String hostname) {
        super(metrics);
        this.directory = directory;
        this.hostname = hostname;
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (session.getAttachment(SMTPSession.SENDER, State.Transaction).isEmpty()) {
            return Verdicts.response(Replies.MAIL_FIRST);
        }
        String argument = request.getArgument();
        if (argument != null && !AddressArgument.isWellFormed(argument)) {
            return Verdicts.response(Replies.RECIPIENT_SYNTAX);
        }
        Matcher bare = argument == null ? null : BARE_PATH.matcher(argument.strip());
        if (bare != null && bare.matches()) {
            if (!bare.group(1).equalsIgnoreCase("postmaster")) {
                return Verdicts.response(Replies.RECIPIENT_SYNTAX);
            }
            return withServerDomain(session, request, bare.group(1), bare.group(2));
        }
        Optional<String> unparsable = argument == null ? Optional.empty() : AddressArgument.unparsableRecipient(argument);
        if (unparsable.isPresent()) {
            LOGGER.info("session {}: recipient refused with {}: reason={}, not an address: {}", session.getSessionID(),
                    Replies.RECIPIENT_UNPARSABLE.line(), Refusal.RECIPIENT_UNPARSABLE, Printable.text(unparsable.get()));
            return Verdicts.response(Replies.RECIPIENT_UNPARSABLE);
        }
        Response response = super.onCommand(session, request);
        return PARAMETER_NOT_IMPLEMENTED.equals(response.getRetCode())
                ? Verdicts.response(Replies.PARAMETER_NOT_RECOGNIZED) : response;
    }

    /** RCPT TO:<postmaster> as the postmaster of the server's own domain, or 451 when the database cannot say which. */
    private Response withServerDomain(SMTPSession session, Request request, String postmaster, String parameters) {
        String domain;
        try {
            domain = directory.serverDomain(hostname).orElse(hostname);
        } catch (StorageUnavailableException e) {
            LOGGER.warn("session {}: storage unavailable to find the server's domain for <postmaster>, answered {}: {}",
                    session.getSessionID(), Replies.TRY_LATER.line(), e.getMessage());
            return Verdicts.response(Replies.TRY_LATER);
        }
        return onCommand(session, new BaseRequest(request.getCommand(), "TO:<" + postmaster + "@" + domain + ">" + parameters));
    }

    /**
     * The hooks get no parameters: no RCPT parameter is offered, so one given was refused above
     * before any hook ran. James would split the whole argument, path included, into a map at every
     * space, and fail with an internal error on a word that comes twice (such as the empty words
     * between three spaces).
     */
    @Override
    protected HookResult callHook(RcptHook hook, SMTPSession session, String argument) {
        MaybeSender sender = session.getAttachment(SMTPSession.SENDER, State.Transaction).orElse(MaybeSender.nullSender());
        MailAddress recipient = session.getAttachment(CURRENT_RECIPIENT, State.Transaction).orElse(MailAddress.nullSender());
        return hook.doRcpt(session, sender, recipient, Map.of());
    }
}

package org.postroom.smtp.inbound;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.apache.james.protocols.smtp.core.DataLineMessageHookHandler;
import org.apache.james.protocols.smtp.core.ExpnCmdHandler;
import org.apache.james.protocols.smtp.core.HelpCmdHandler;
import org.apache.james.protocols.smtp.core.NoopCmdHandler;
import org.apache.james.protocols.smtp.core.QuitCmdHandler;
import org.apache.james.protocols.smtp.core.RsetCmdHandler;
import org.apache.james.protocols.smtp.core.VrfyCmdHandler;
import org.apache.james.protocols.smtp.core.WelcomeMessageHandler;
import org.apache.james.protocols.smtp.core.esmtp.StartTlsCmdHandler;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.inbound.hook.AuthRequiredHook;
import org.postroom.smtp.inbound.hook.LocalRecipientHook;
import org.postroom.smtp.inbound.hook.MaxRecipientsHook;
import org.postroom.smtp.inbound.hook.MessageSizeHook;
import org.postroom.smtp.inbound.hook.PasswordAuthHook;
import org.postroom.smtp.inbound.hook.RelayControlHook;
import org.postroom.smtp.inbound.hook.SenderOwnershipHook;
import org.postroom.smtp.inbound.hook.StrictDataFilter;
import org.postroom.storage.directory.LoginProtocol;

/**
 * The two SMTP handler chains, each one list of groups in the order James runs them: the
 * connection, the commands, the policies of each command in turn, then the DATA line filters from
 * the first to the last and the commit. James's own default chain is not used: it adds handlers of its own (an AUTH that
 * works without TLS, a hook that accepts postmaster@ any domain) that Postroom must not have.
 */
public final class InboundChains {

    private InboundChains() {
    }

    /**
     * Port 25: mail from the internet for our domains. No AUTH; STARTTLS offered to whoever wants
     * it; a recipient at another domain is refused; a recipient about to be accepted greylisted
     * (when on); the message authenticated (SPF, DKIM, the own-domain rule, DMARC) and scanned for
     * spam (rspamd, when configured) before it is stored, and Authentication-Results fields forged
     * in our name removed as it arrives.
     */
    public static InboundProtocol mx(InboundSettings settings, InboundServices services) {
        return protocol(settings, List.of(
                connection(services),
                // the DNS blocklists are asked as the client connects, answered by the first RCPT
                List.of(services.senders().dnsbl()),
                commands(settings, services),
                recipients(settings, services, List.of(services.senders().hook()),
                        services.greylisting().beforeAccepting()),
                data(settings, services, services.checks().headerFilters(),
                        concat(services.checks().messageChecks(), services.spam().mx()))));
    }

    /**
     * Ports 587 (STARTTLS) and 465 (implicit TLS): mail from our users' mail clients. AUTH only in
     * TLS and before any MAIL; the sender and the From: field must be the user's own; the user's
     * sending limits and suspension checked at MAIL and RCPT, and the message counted at its commit;
     * recipients anywhere; Date and Message-ID added when the client left them out; the message
     * scanned for spam (rspamd, when configured) as outbound mail, a rejection counted against the user.
     */
    public static InboundProtocol submission(InboundSettings settings, InboundServices services) {
        return protocol(settings, List.of(
                connection(services),
                commands(settings, services),
                List.of(
                        new AuthCommand(),
                        new PasswordAuthHook(services.throttle().attempts(services.authenticator(), LoginProtocol.SMTP))),
                // MAIL, in order
                List.of(
                        new AuthRequiredHook(),
                        new SenderOwnershipHook(services.directory())),
                // then the sending limits (none when off)
                List.<ProtocolHandler>copyOf(services.sending().mailHooks()),
                recipients(settings, services, services.sending().rcptHooks(), List.of()),
                data(settings, services, List.of(new MissingHeadersFilter(settings.hostname())),
                        concat(List.of(new FromOwnershipHook(services.directory(), services.meters())),
                                services.sending().countingSpamRejects(services.spam().submission())))));
    }

    /** The greeting, the session log line, the reading of command lines, and a transaction's end with the connection. */
    private static List<ProtocolHandler> connection(InboundServices services) {
        return List.of(
                new SessionLog(services.meters()),
                new UnfinishedTransaction(),
                new WelcomeMessageHandler(),
                new CommandLine());
    }

    /**
     * The commands every SMTP listener answers (AUTH is submission's own); MAIL and DATA first ask
     * whether the spool has room ({@link SpoolSpaceHook}).
     */
    private static List<ProtocolHandler> commands(InboundSettings settings, InboundServices services) {
        MetricFactory metrics = services.metrics();
        SpoolSpaceHook spoolSpace = new SpoolSpaceHook(services.spool());
        return List.of(
                new EhloCommand(metrics),
                new HeloCommand(metrics),
                new StartTlsCmdHandler(),
                new MailCommand(metrics),
                spoolSpace,
                new RcptCommand(metrics, services.directory(), settings.hostname()),
                new DataCommand(metrics, services.spool(), spoolSpace),
                new RsetCmdHandler(),
                new NoopCmdHandler(),
                new QuitCmdHandler(metrics),
                new VrfyCmdHandler(),
                new ExpnCmdHandler(),
                new HelpCmdHandler(),
                new UnknownCommand(metrics));
    }

    /**
     * RCPT: the first decision stands; {@code senderPolicies} (port 25's lists and blocklists,
     * submission's sending limits) come
     * before the recipient is looked up, {@code beforeAccepting} (port 25's greylisting) after a
     * local recipient was found to take the mail; RelayControlHook always decides.
     */
    private static List<ProtocolHandler> recipients(InboundSettings settings, InboundServices services,
            List<RcptHook> senderPolicies, List<RcptHook> beforeAccepting) {
        List<ProtocolHandler> hooks = new ArrayList<>();
        hooks.add(new MaxRecipientsHook(settings.maxRecipients()));
        hooks.addAll(senderPolicies);
        hooks.add(new LocalRecipientHook(services.directory(), services.senderRewriting(), beforeAccepting));
        hooks.add(new RelayControlHook());
        return hooks;
    }

    /**
     * DATA, line by line in this order, then the checks of the whole message and the commit.
     * MessageSizeHook also announces SIZE and checks MAIL's SIZE= parameter; {@code headerFilters}
     * run after the Received header is added and see the lines as sent, dots still doubled;
     * DotUnstuffing removes the first dot of a line as RFC 5321 says; SpoolFailureHook refuses a
     * message the spool could not take whole (452 4.3.1 with its disk full); {@code messageChecks} see
     * the complete message and either decline or refuse it (discarding it) before it is stored.
     */
    private static List<ProtocolHandler> data(InboundSettings settings, InboundServices services,
            List<DataLineFilter> headerFilters, List<MessageHook> messageChecks) {
        List<ProtocolHandler> handlers = new ArrayList<>(List.of(
                new StrictDataFilter(),
                new MessageSizeHook(settings.maxMessageSize()),
                new ReceivedHeaderFilter()));
        handlers.addAll(headerFilters);
        handlers.add(new DotUnstuffing());
        handlers.add(new DataLineMessageHookHandler());
        handlers.add(new SpoolFailureHook());
        handlers.addAll(messageChecks);
        handlers.add(new StoreMessageHook(services.store(), services.quarantine(), services.quotaBounces(),
                services.sending(), services.meters()));
        return handlers;
    }

    private static List<MessageHook> concat(List<MessageHook> first, List<MessageHook> then) {
        List<MessageHook> hooks = new ArrayList<>(first);
        hooks.addAll(then);
        return hooks;
    }

    private static InboundProtocol protocol(InboundSettings settings, List<List<ProtocolHandler>> groups) {
        ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
        groups.forEach(chain::addAll);
        try {
            chain.wireExtensibleHandlers();
        } catch (WiringException e) {
            throw new IllegalStateException("wire the SMTP handler chain", e);
        }
        return new InboundProtocol(chain, new InboundConfiguration(settings.hostname(), settings.maxMessageSize()));
    }
}

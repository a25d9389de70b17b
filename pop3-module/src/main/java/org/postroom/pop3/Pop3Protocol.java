package org.postroom.pop3;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.james.protocols.api.ProtocolConfiguration;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.ProtocolHandlerChain;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.pop3.POP3Protocol;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.POP3SessionImpl;
import org.postroom.pop3.maildrop.AuthCommand;
import org.postroom.pop3.maildrop.MaildropLogin;
import org.postroom.pop3.maildrop.PassCommand;
import org.postroom.pop3.maildrop.UserCommand;
import org.postroom.pop3.reply.Replies;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Postroom's POP3 protocol for James's listener: the whole handler chain in one list. James 3.8.1
 * has no ready POP3 chain, and its own command handlers answer a wrong state with a bare -ERR,
 * fail on message number 0 and stuff dots only after CRLF, so every command here is ours; James
 * provides the dispatcher, the session and the transport.
 *
 * <p>One instance serves every POP3 listener of a process (port 110 with STLS and 995 with TLS):
 * the session asks its transport which of the two it is.
 */
public final class Pop3Protocol extends POP3Protocol {

    /** Sessions are counted into {@code meters} as {@code postroom.pop3.sessions}. */
    public Pop3Protocol(String hostname, MaildropLogin login, MeterRegistry meters) {
        super(chain(hostname, login, meters), new Configuration(hostname));
    }

    private static ProtocolHandlerChain chain(String hostname, MaildropLogin login, MeterRegistry meters) {
        ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
        chain.addAll(List.of(
                new CommandDispatcher<POP3Session>(),
                new SessionLog(meters),
                new Greeting(hostname),
                // first among the commands: a command in the wrong state never reaches its handler
                new CommandStates(),
                new CapaCommand(login),
                new StlsCommand(),
                new UserCommand(login),
                new PassCommand(login),
                new AuthCommand(login),
                new StatCommand(),
                new ListCommand(),
                new UidlCommand(),
                new RetrCommand(),
                new TopCommand(),
                new DeleCommand(),
                new RsetCommand(),
                new NoopCommand(),
                new QuitCommand(),
                new UnknownCommand(),
                new SessionEnd()));
        try {
            chain.wireExtensibleHandlers();
        } catch (WiringException e) {
            throw new IllegalStateException("the POP3 handler chain does not wire", e);
        }
        return chain;
    }

    @Override
    public ProtocolSession newSession(ProtocolTransport transport) {
        return new Session(transport, getConfiguration());
    }

    private record Configuration(String getHelloName) implements ProtocolConfiguration {

        @Override
        public String getGreeting() {
            return null;
        }

        @Override
        public String getSoftwareName() {
            return "Postroom";
        }
    }

    /**
     * James's POP3 session, reading commands as UTF-8: RFC 1939 names no charset, and clients
     * send non-ASCII passwords in UTF-8 (James would read them as US-ASCII and garble them). Its
     * own replies are Postroom's ({@link Replies}); the failure reply's cause is logged by James.
     */
    private static final class Session extends POP3SessionImpl {

        Session(ProtocolTransport transport, ProtocolConfiguration configuration) {
            super(transport, configuration);
        }

        @Override
        public Charset getCharset() {
            return StandardCharsets.UTF_8;
        }

        @Override
        public Response newFatalErrorResponse() {
            return Replies.INTERNAL_ERROR;
        }

        @Override
        public Response newLineTooLongResponse() {
            return Replies.LINE_TOO_LONG;
        }

        @Override
        public Response newCommandNotFoundErrorResponse() {
            return Replies.UNKNOWN_COMMAND;
        }
    }
}

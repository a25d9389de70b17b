package org.postroom.listener;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.pop3.POP3Configuration;
import org.apache.james.protocols.pop3.POP3Protocol;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPassCmdHandler;
import org.apache.james.protocols.pop3.core.CapaCmdHandler;
import org.apache.james.protocols.pop3.core.NoopCmdHandler;
import org.apache.james.protocols.pop3.core.QuitCmdHandler;
import org.apache.james.protocols.pop3.core.StatCmdHandler;
import org.apache.james.protocols.pop3.core.StlsCmdHandler;
import org.apache.james.protocols.pop3.core.UnknownCmdHandler;
import org.apache.james.protocols.pop3.core.UserCmdHandler;
import org.apache.james.protocols.pop3.core.WelcomeMessageHandler;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/**
 * A James POP3 protocol over an empty mailbox: every login with a password other than "wrong"
 * succeeds and is counted, a wrong one is refused after the failed-login delay, and listing the
 * mailbox can be told to block like a query waiting for the database.
 */
public final class RecordingPop3 {

    private final AtomicInteger logins = new AtomicInteger();
    private volatile Duration listingDelay = Duration.ZERO;
    private volatile Duration failureDelay = Duration.ZERO;
    private final POP3Protocol protocol;

    public RecordingPop3() {
        NoMetrics metrics = new NoMetrics();
        ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
        chain.addAll(List.of(new CommandDispatcher<POP3Session>(), new WelcomeMessageHandler(),
                new CapaCmdHandler(metrics), new UserCmdHandler(metrics), new Pass(metrics),
                new StatCmdHandler(metrics), new StlsCmdHandler(metrics), new NoopCmdHandler(metrics),
                new QuitCmdHandler(metrics), new UnknownCmdHandler()));
        try {
            chain.wireExtensibleHandlers();
        } catch (WiringException e) {
            throw new IllegalStateException(e);
        }
        protocol = new POP3Protocol(chain, new POP3Configuration());
    }

    public POP3Protocol protocol() {
        return protocol;
    }

    public int logins() {
        return logins.get();
    }

    /** Every listing of the mailbox (STAT, LIST, UIDL) blocks this long from now on. */
    public void blockListingFor(Duration delay) {
        listingDelay = delay;
    }

    /** A wrong password is answered this long after it came, as Postroom's login throttle asks. */
    public void delayFailedLoginsBy(Duration delay) {
        failureDelay = delay;
    }

    private final class Pass extends AbstractPassCmdHandler {
        Pass(NoMetrics metrics) {
            super(metrics);
        }

        @Override
        protected Mailbox auth(POP3Session session, Username username, String password) {
            if (password.equals("wrong")) {
                ReplyDelay.delayNextReply(session, failureDelay);
                return null;
            }
            logins.incrementAndGet();
            return new EmptyMailbox();
        }
    }

    private final class EmptyMailbox implements Mailbox {
        @Override
        public InputStream getMessage(String uid) {
            return null;
        }

        @Override
        public List<MessageMetaData> getMessages() {
            try {
                Thread.sleep(listingDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }

        @Override
        public void remove(String... uids) {
        }

        @Override
        public String getIdentifier() {
            return "empty";
        }

        @Override
        public void close() {
        }
    }
}

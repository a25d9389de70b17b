package org.postroom.listener;

import java.net.InetSocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPProtocol;
import org.apache.james.protocols.smtp.SMTPProtocolHandlerChain;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.MDC;

/**
 * James's stock SMTP protocol with hooks that record what ran, on which thread and whether inside
 * TLS, and that can be told to block like a hook waiting for the database. Its 354 reply opens a
 * {@link DataPhase}, as Postroom's SMTP does. Its AUTH (James's, over plain text) knows no user.
 */
public final class RecordingSmtp {

    /** One MAIL FROM that reached the hooks, with the logging context (MDC) the hook ran in and the session's client. */
    public record Mail(String sender, boolean tls, String thread, Map<String, String> logContext,
            InetSocketAddress client) {
    }

    private final List<Mail> mails = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AtomicReference<Duration> nextMailDelay = new AtomicReference<>(Duration.ZERO);
    private volatile Duration messageDelay = Duration.ZERO;
    private final AtomicInteger messagesStarted = new AtomicInteger();
    private final SMTPProtocol protocol;

    public RecordingSmtp() {
        SMTPProtocolHandlerChain chain = new SMTPProtocolHandlerChain(new NoMetrics());
        chain.add(new Recorder());
        try {
            chain.wireExtensibleHandlers();
        } catch (WiringException e) {
            throw new IllegalStateException(e);
        }
        protocol = new SMTPProtocol(chain, new SMTPConfigurationImpl() {
            @Override
            public String getHelloName() {
                return "mx.test";
            }
        });
    }

    public SMTPProtocol protocol() {
        return protocol;
    }

    /** The next MAIL FROM hook call blocks this long; later ones do not. */
    public void holdNextMailFor(Duration delay) {
        nextMailDelay.set(delay);
    }

    /** Every message commit (the MessageHook after DATA) blocks this long from now on. */
    public void blockMessagesFor(Duration delay) {
        messageDelay = delay;
    }

    public List<Mail> mails() {
        return List.copyOf(mails);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Messages whose commit (the MessageHook) has begun, finished or not. */
    public int messagesStarted() {
        return messagesStarted.get();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Recorder implements MailHook, RcptHook, MessageHook, AuthHook,
            ProtocolHandlerResultHandler<Response, SMTPSession> {

        @Override
        public Response onResponse(ProtocolSession session, Response response, long executionTime,
                ProtocolHandler handler) {
            if ("354".equals(response.getRetCode())) {
                DataPhase.startsWithThisReply(session);
            }
            return response;
        }

        @Override
        public HookResult doMail(SMTPSession session, MaybeSender sender) {
            pause(nextMailDelay.getAndSet(Duration.ZERO));
            mails.add(new Mail(sender.asString(), session.isTLSStarted(), Thread.currentThread().getName(),
                    Optional.ofNullable(MDC.getCopyOfContextMap()).orElse(Map.of()), session.getRemoteAddress()));
            return HookResult.DECLINED;
        }

        @Override
        public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
            return HookResult.OK;
        }

        @Override
        public HookResult doAuth(SMTPSession session, Username username, String password) {
            return HookResult.DENY;
        }

        @Override
        public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
            return HookResult.DENY;
        }

        @Override
        public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
            messagesStarted.incrementAndGet();
            pause(messageDelay);
            try (InputStream body = mail.getMessageInputStream()) {
                messages.add(new String(body.readAllBytes(), StandardCharsets.US_ASCII)
                        .lines().collect(Collectors.joining("\n")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return HookResult.OK;
        }
    }
}

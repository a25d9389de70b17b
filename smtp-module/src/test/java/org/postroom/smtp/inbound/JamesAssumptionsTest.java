package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.core.DataCmdHandler;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.apache.james.protocols.smtp.core.MailCmdHandler;
import org.apache.james.protocols.smtp.core.DataLineMessageHookHandler;
import org.apache.james.protocols.smtp.core.HeloCmdHandler;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.core.RsetCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.EhloCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.EhloExtension;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.inbound.hook.FakeTransport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What Postroom's SMTP takes for granted about Apache James Protocols 3.8.1, each assumption shown
 * on its own, so that an upgrade that changes one fails here, by name: {@link InboundChains} lists
 * the DATA line filters in the order they must see lines ({@link StrictDataFilter} first), {@link
 * InboundSession} (a {@link SMTPSessionImpl}) watches the line handlers DATA and AUTH push and
 * knows DATA is under way by {@link DataCmdHandler#MAILENV}, and lets the spooled message go in
 * {@code resetState}, which James calls at the end of each transaction; {@link MailCommand} and
 * {@link RcptCommand} read the sender James's MAIL stored, {@link RcptCommand} rewrites James's
 * 504, and {@link EhloCommand} rewrites the first line of James's EHLO reply and keeps the rest.
 * (The listener's assumptions about James's Netty classes, the reset after STARTTLS among them:
 * listener-module's JamesAssumptionsTest.)
 */
class JamesAssumptionsTest {

    private final CommandTimers metrics = new CommandTimers(new SimpleMeterRegistry());
    private final FakeTransport transport = new FakeTransport("192.0.2.7", false);

    @Test
    void dataLineFiltersSeeEachLineInTheOrderOfTheChainTheFirstFirst() throws Exception {
        List<String> seen = new ArrayList<>();
        DataCmdHandler data = new DataCmdHandler(metrics);
        wire(data, recording("first", seen), recording("second", seen), recording("third", seen));
        SMTPSession session = inTransaction(transport.session());

        assertThat(data.onCommand(session, new BaseRequest("DATA", null)).getRetCode()).isEqualTo("354");
        lineHandler().onLine(session, "Subject: order\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(seen).containsExactly("first", "second", "third");
    }

    @Test
    void dataPushesItsLineHandlerThroughTheSessionAndAttachesTheEnvelopeForTheTransaction() throws Exception {
        List<LineHandler<?>> pushed = new ArrayList<>();
        SMTPSession session = inTransaction(new SMTPSessionImpl(transport, new InboundConfiguration("mx.test", 1 << 20)) {
            @Override
            public <T extends ProtocolSession> void pushLineHandler(LineHandler<T> handler) {
                pushed.add(handler);
                super.pushLineHandler(handler);
            }
        });
        DataCmdHandler data = new DataCmdHandler(metrics);
        wire(data);

        data.onCommand(session, new BaseRequest("DATA", null));

        assertThat(pushed).hasSize(1);
        assertThat(session.getAttachment(DataCmdHandler.MAILENV, State.Transaction)).isPresent();
    }

    @Test
    void mailStoresTheSenderForTheTransaction() throws Exception {
        SMTPSession session = transport.session();
        session.setAttachment(SMTPSession.CURRENT_HELO_MODE, "EHLO", State.Connection);
        MailCmdHandler mail = new MailCmdHandler(metrics);
        wire(mail);

        assertThat(mail.onCommand(session, new BaseRequest("MAIL", "FROM:<alice@example.com>")).getRetCode())
                .isEqualTo("250");

        assertThat(session.getAttachment(SMTPSession.SENDER, State.Transaction)).map(MaybeSender::asString)
                .contains("alice@example.com");
    }

    @Test
    void rcptAnswersAnUnknownParameterWith504() throws Exception {
        SMTPSession session = inTransaction(transport.session());
        RcptCmdHandler rcpt = new RcptCmdHandler(metrics);
        wire(rcpt);

        Response response = rcpt.onCommand(session, new BaseRequest("RCPT", "TO:<bob@example.com> NOTIFY=NEVER"));

        assertThat(response.getRetCode()).isEqualTo("504");
    }

    @Test
    void theEndOfTheDataEndsTheTransactionThroughResetStateAfterTheMessageHooks() throws Exception {
        List<String> calls = new ArrayList<>();
        SMTPSession session = inTransaction(resetCounting(calls));
        DataCmdHandler data = new DataCmdHandler(metrics);
        MessageHook hook = (s, envelope) -> {
            calls.add("message hook");
            return HookResult.OK;
        };
        wire(data, new DataLineMessageHookHandler(), hook);

        data.onCommand(session, new BaseRequest("DATA", null));
        lineHandler().onLine(session, "Subject: end\r\n".getBytes(StandardCharsets.US_ASCII));
        lineHandler().onLine(session, ".\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(calls).containsExactly("message hook", "resetState");
    }

    @Test
    void rsetHeloAndEhloEndTheTransactionThroughResetState() throws Exception {
        List<String> calls = new ArrayList<>();
        SMTPSession session = resetCounting(calls);
        RsetCmdHandler rset = new RsetCmdHandler();
        HeloCmdHandler helo = new HeloCmdHandler(metrics);
        EhloCmdHandler ehlo = new EhloCmdHandler(metrics);
        wire(rset, helo, ehlo);

        rset.onCommand(session, new BaseRequest("RSET", null));
        helo.onCommand(session, new BaseRequest("HELO", "client.example"));
        ehlo.onCommand(session, new BaseRequest("EHLO", "client.example"));

        assertThat(calls).containsExactly("resetState", "resetState", "resetState");
    }

    @Test
    void ehloAnswersWithItsHelloLineFirstThenEachExtensionBehindTheCodeAndASeparator() throws Exception {
        SMTPSession session = transport.session();
        EhloCmdHandler ehlo = new EhloCmdHandler(metrics);
        EhloExtensionHandler extension = s -> List.of("X-ONE-OF-OURS");
        wire(ehlo, extension);

        Response response = ehlo.onCommand(session, new BaseRequest("EHLO", "client.example"));

        assertThat(response.getRetCode()).isEqualTo("250");
        List<String> lines = response.getLines().stream().map(CharSequence::toString).toList();
        assertThat(lines.get(0)).isEqualTo("250-mx.postroom.test Hello client.example [192.0.2.7])");
        assertThat(lines.subList(1, lines.size() - 1)).allMatch(line -> line.startsWith("250-"));
        assertThat(lines.get(lines.size() - 1)).startsWith("250 ");
        assertThat(lines.stream().skip(1).map(line -> line.substring(4))).contains("X-ONE-OF-OURS");
    }

    /** A session that notes each call of {@code resetState}. */
    private SMTPSession resetCounting(List<String> calls) {
        return new SMTPSessionImpl(transport, new InboundConfiguration("mx.postroom.test", 1 << 20)) {
            @Override
            public void resetState() {
                calls.add("resetState");
                super.resetState();
            }
        };
    }

    private static SMTPSession inTransaction(SMTPSession session) throws Exception {
        session.setAttachment(SMTPSession.CURRENT_HELO_MODE, "EHLO", State.Connection);
        session.setAttachment(SMTPSession.SENDER, MaybeSender.of(new MailAddress("alice@example.com")), State.Transaction);
        session.setAttachment(SMTPSession.RCPT_LIST, new ArrayList<>(List.of(new MailAddress("bob@example.com"))),
                State.Transaction);
        return session;
    }

    @SuppressWarnings("unchecked")
    private LineHandler<SMTPSession> lineHandler() {
        assertThat(transport.lineHandlers).hasSize(1);
        return (LineHandler<SMTPSession>) transport.lineHandlers.get(0);
    }

    private static void wire(ProtocolHandler... handlers) throws Exception {
        ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
        chain.addAll(List.of(handlers));
        chain.wireExtensibleHandlers();
    }

    /** An EHLO extension as a handler of the chain, where James finds it. */
    private interface EhloExtensionHandler extends EhloExtension, ProtocolHandler {
    }

    private static DataLineFilter recording(String name, List<String> seen) {
        return (session, line, next) -> {
            seen.add(name);
            return next.onLine(session, line);
        };
    }
}

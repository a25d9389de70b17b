package org.postroom.pop3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.Maildrop.Message;
import org.postroom.pop3.reply.Replies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RETR and TOP: a message's bytes as a dot-stuffed multi-line reply, streamed while the client
 * reads; a large message comes from storage chunk by chunk (never whole in memory).
 */
abstract class ContentCommand extends MessageCommand {

    private static final Logger log = LoggerFactory.getLogger(ContentCommand.class);

    private final boolean retrieval;

    /** {@code retrieval}: whether sending counts as a retrieved message in the session's log line. */
    ContentCommand(String name, String usage, int numbers, boolean retrieval) {
        super(name, usage, numbers);
        this.retrieval = retrieval;
    }

    @Override
    final Response onMessage(POP3Session session, Message message, List<Integer> arguments) {
        DotStuffedStream body;
        try {
            InputStream content = select(maildrop(session).content(message), arguments);
            body = new DotStuffedStream(content).prefetch();
        } catch (IOException e) {
            log.warn("pop3 reading message {} for {} failed: {}", message.number(), SessionLog.user(session), e.getMessage());
            return Replies.STORAGE_UNAVAILABLE;
        }
        if (retrieval) {
            SessionRecord.of(session).retrieved();
        }
        return reply(message, new DisconnectOnFailure(body, session, message));
    }

    /** The part of the message to send. */
    abstract InputStream select(InputStream content, List<Integer> arguments);

    /** The reply, its status line and then {@code body}. */
    abstract Response reply(Message message, InputStream body);

    /**
     * Once "+OK" and part of the message are out, a failure (the database went away) cannot be
     * reported in the protocol; closing the connection is the one signal a client cannot take
     * for the end of the message, and it drops the partial message rather than keeping it.
     */
    private static final class DisconnectOnFailure extends FilterInputStream {

        private final POP3Session session;
        private final Message message;
        private IOException failure;

        DisconnectOnFailure(InputStream in, POP3Session session, Message message) {
            super(in);
            this.session = session;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            if (failure != null) {
                throw failure;
            }
            try {
                return super.read();
            } catch (IOException e) {
                throw disconnect(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw disconnect(e);
            }
        }

        /** Netty keeps asking a failed stream for more: report and close once, then repeat the failure. */
        private IOException disconnect(IOException e) {
            failure = e;
            log.warn("pop3 sending message {} to {} failed, closing the connection: {}", message.number(),
                    SessionLog.user(session), e.getMessage());
            SessionRecord.of(session).outcome(SessionRecord.Outcome.RETRIEVAL_FAILED);
            // not from here: this read runs inside Netty's chunked writer, which breaks when a
            // write re-enters it; from another thread the close is queued behind the writer's work
            CompletableFuture.runAsync(() -> ((ProtocolSessionImpl) session).getProtocolTransport()
                    .writeResponse(Response.DISCONNECT, session));
            return e;
        }
    }
}

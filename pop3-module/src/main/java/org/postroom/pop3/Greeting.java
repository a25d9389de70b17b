package org.postroom.pop3;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.reply.Replies;

/**
 * The greeting (RFC 1939 §4) with {@code postroom.hostname}, not the machine's name James would
 * use, and without APOP's timestamp: APOP needs the password stored in the clear, which Postroom
 * never does.
 */
final class Greeting implements ConnectHandler<POP3Session> {

    private final Response greeting;

    Greeting(String hostname) {
        this.greeting = Replies.greeting(hostname);
    }

    @Override
    public Response onConnect(POP3Session session) {
        return greeting;
    }
}

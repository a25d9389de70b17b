package org.postroom.listener;

/** The lines an SMTP and a POP3 module would configure, in the shape the protocols prescribe. */
public final class TestReplies {

    public static final ListenerReplies SMTP = new ListenerReplies(
            "421 4.7.0 mx.test Too many connections, try again later",
            "421 4.7.0 mx.test Too many connections from your address, try again later",
            "421 4.4.2 mx.test Idle too long, closing connection",
            "421 4.4.2 mx.test Command not completed in time, closing connection",
            "421 4.4.2 mx.test Data arriving too slowly, closing connection",
            "421 4.3.2 mx.test Service shutting down, try again later",
            "503 5.5.1 mx.test Commands pipelined after STARTTLS, closing connection");

    public static final ListenerReplies POP3 = new ListenerReplies(
            "-ERR [SYS/TEMP] Too many connections, try again later",
            "-ERR [SYS/TEMP] Too many connections from your address, try again later",
            "-ERR Idle too long, closing connection",
            "-ERR Command not completed in time, closing connection",
            "-ERR Data arriving too slowly, closing connection",
            "-ERR [SYS/TEMP] Server shutting down",
            "-ERR Commands pipelined after STLS, closing connection");

    private TestReplies() {
    }
}

package org.postroom.pop3.reply;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.StreamResponse;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3StartTlsResponse;

/**
 * Every reply Postroom's POP3 sends, by name: status lines (RFC 1939 §3), with the response codes
 * of RFC 2449 §8 and RFC 3206 where a client can act on them, multi-line replies, and the lines
 * the listener sends on its own ({@link #line}). Tests and logs use the same names.
 *
 * <p>Response codes: {@code [AUTH]} the credentials (ask the user), {@code [IN-USE]} another
 * session holds the maildrop, {@code [SYS/TEMP]} a temporary problem of the server's or a wait
 * (try again later).
 */
public final class Replies {

    private static final String AUTH = "[AUTH] ";
    private static final String IN_USE = "[IN-USE] ";
    private static final String SYS_TEMP = "[SYS/TEMP] ";
    private static final byte[] END_OF_BODY = {'.', '\r', '\n'};

    // --- commands in any state -------------------------------------------------------------------

    /** NOOP (RFC 1939 §5), and a bare positive answer. */
    public static final Response OK = POP3Response.OK;

    /** A command POP3 does not know, APOP included (APOP needs passwords stored in the clear). */
    public static final Response UNKNOWN_COMMAND = error("Unknown command");

    /** A command line over the listener's line limit (RFC 2449 §4 allows 255 octets; AUTH more). */
    public static final Response LINE_TOO_LONG = error("Command line too long");

    /** An unexpected failure of the server's while handling the command; the cause is logged. */
    public static final Response INTERNAL_ERROR = error(SYS_TEMP + "Internal server error");

    /** The mail store could not be read or written; nothing changed (RFC 3206 §4). */
    public static final Response STORAGE_UNAVAILABLE = error(SYS_TEMP + "Mail storage is unavailable; try again later");

    // --- AUTHORIZATION ---------------------------------------------------------------------------

    /** USER took the address; PASS must follow (RFC 1939 §7). */
    public static final Response SEND_PASS = ok("Send PASS");

    public static final Response USER_USAGE = error("Usage: USER address");

    public static final Response PASS_USAGE = error("Usage: PASS password");

    /** PASS without the USER it belongs to, or after a failed one (which returns to the start). */
    public static final Response USER_FIRST = error("Send USER first");

    /** RFC 2595 §2.2: a password is never taken in the clear unless the operator allows it. */
    public static final Response PLAINTEXT_REFUSED =
            error(AUTH + "Plaintext authentication is disallowed without TLS; use STLS first or port 995");

    /** The login or the password is wrong (which one is not said). */
    public static final Response AUTH_FAILED = error(AUTH + "Invalid login or password");

    /** Too many failed logins from the client's address (an IPv6 client's /64) recently. */
    public static final Response CLIENT_THROTTLED = error(SYS_TEMP + "Too many failed logins from your address; try again later");

    /** RFC 2449 §8.1.2: another session, in any Postroom process, holds the maildrop. */
    public static final Response MAILDROP_IN_USE = error(IN_USE + "Maildrop already in use by another session");

    /** RFC 5034 §4: AUTH without a mechanism lists those offered (the RFC 1734 form clients still send). */
    public static final Response MECHANISMS = listing("Mechanisms follow", List.of("PLAIN"));

    /** RFC 5034 §4: the empty challenge of PLAIN; the client's next line is its response. */
    public static final Response CONTINUE = new POP3Response("+", "").immutable();

    public static final Response MECHANISM_UNSUPPORTED = error("Unsupported authentication mechanism; use PLAIN");

    /** RFC 5034 §4: the client answered the challenge with "*". */
    public static final Response AUTH_CANCELLED = error("Authentication cancelled");

    /** RFC 4616 §2: an authorization identity other than the login; acting for another user is not offered. */
    public static final Response OTHER_IDENTITY = error(AUTH + "Logging in as another user is not supported");

    /** RFC 2595 §4: the server switches to TLS after this line. */
    public static final Response BEGIN_TLS = new POP3StartTlsResponse(POP3Response.OK_RESPONSE, "Begin TLS negotiation")
            .immutable();

    public static final Response ALREADY_TLS = error("Already using TLS");

    public static final Response STLS_NOT_OFFERED = error("STLS is not offered on this port");

    /** RFC 2595 §4, RFC 1939 §3: USER, PASS, AUTH and STLS belong to AUTHORIZATION. */
    public static final Response ALREADY_LOGGED_IN = error("Already logged in");

    // --- UPDATE ----------------------------------------------------------------------------------

    /** QUIT outside TRANSACTION: nothing to update. */
    public static final Response SIGN_OFF = closing(POP3Response.OK_RESPONSE, "Bye");

    /** RFC 1939 §6: QUIT could not remove the marked messages, so it removed none. */
    public static final Response DELETIONS_FAILED =
            closing(POP3Response.ERR_RESPONSE, SYS_TEMP + "Deleted messages could not be removed; they are all still there");

    /**
     * As {@link #DELETIONS_FAILED}, because the mail store has no room (PostgreSQL's disk full:
     * even a deletion writes to its log): the client tries again later (RFC 3206 §4).
     */
    public static final Response DELETIONS_FAILED_STORAGE_FULL = closing(POP3Response.ERR_RESPONSE,
            SYS_TEMP + "Mail storage is full: deleted messages could not be removed; they are all still there");

    // --- the listener's own lines ----------------------------------------------------------------

    public static final Response TOO_MANY_CONNECTIONS = error(SYS_TEMP + "Too many connections, try again later");

    public static final Response TOO_MANY_CONNECTIONS_FROM_ADDRESS =
            error(SYS_TEMP + "Too many connections from your address, try again later");

    public static final Response IDLE_TIMEOUT = error("Idle too long, closing connection");

    public static final Response COMMAND_TIMEOUT = error("Command not completed in time, closing connection");

    /** Never sent: POP3 has no data phase. The listener's settings want the line all the same. */
    public static final Response DATA_TOO_SLOW = error("Data arriving too slowly, closing connection");

    public static final Response SHUTTING_DOWN = error(SYS_TEMP + "Server shutting down, try again later");

    /** RFC 2595 §4: the client sent more after STLS before its reply; none of it runs. */
    public static final Response PIPELINED_AFTER_STLS = error("Commands pipelined after STLS, closing connection");

    private Replies() {
    }

    /** The greeting (RFC 1939 §4), without APOP's timestamp. */
    public static Response greeting(String hostname) {
        return ok(hostname + " POP3 server ready");
    }

    /** RFC 2449 §5: CAPA's list. */
    public static Response capabilities(List<String> capabilities) {
        return listing("Capability list follows", capabilities);
    }

    /** A TRANSACTION command before login. */
    public static Response onlyAfterLogin(String command) {
        return error(command + " is only valid after login");
    }

    /** The account failed too often from anywhere and takes one attempt at a time. */
    public static Response accountThrottled(long retryAfterSeconds) {
        return error(SYS_TEMP + "Too many failed logins for this account; try again in " + retryAfterSeconds + " s");
    }

    /** RFC 5034 §4, RFC 4616 §2: the PLAIN response is not base64 of {@code authzid NUL login NUL password}. */
    public static Response malformedCredentials(String reason) {
        return error(AUTH + "Malformed PLAIN credentials: " + reason);
    }

    /** PASS or AUTH succeeded: TRANSACTION, with the maildrop as listed now. */
    public static Response loggedIn(int messages, long octets) {
        return ok("Logged in, " + messages + " messages (" + octets + " octets)");
    }

    /** STAT (RFC 1939 §5): the drop listing. */
    public static Response dropListing(int messages, long octets) {
        return ok(messages + " " + octets);
    }

    /** LIST without an argument (RFC 1939 §5): {@code lines} are "number size". */
    public static Response scanListings(int messages, long octets, List<String> lines) {
        return listing(messages + " messages (" + octets + " octets)", lines);
    }

    /** LIST msg (RFC 1939 §5). */
    public static Response scanListing(int number, long size) {
        return ok(number + " " + size);
    }

    /** UIDL without an argument (RFC 1939 §7): {@code lines} are "number uidl". */
    public static Response uniqueIdListings(List<String> lines) {
        return listing("Unique-id listing follows", lines);
    }

    /** UIDL msg (RFC 1939 §7). */
    public static Response uniqueIdListing(int number, String uidl) {
        return ok(number + " " + uidl);
    }

    /** RETR (RFC 1939 §5): the dot-stuffed message after its status line. */
    public static Response retrieval(long octets, InputStream body) {
        return content(octets + " octets", body);
    }

    /** TOP (RFC 1939 §7): the dot-stuffed header and first lines. */
    public static Response top(int number, InputStream body) {
        return content("Top of message " + number + " follows", body);
    }

    /** DELE (RFC 1939 §5). */
    public static Response markedForDeletion(int number) {
        return ok("Message " + number + " marked as deleted");
    }

    /** RSET (RFC 1939 §5): nothing marked any more. */
    public static Response unmarked(int messages, long octets) {
        return ok("Maildrop has " + messages + " messages (" + octets + " octets)");
    }

    /** A command's arguments are not what it takes; {@code usage} shows them, e.g. "TOP msg n". */
    public static Response usage(String usage) {
        return error("Usage: " + usage);
    }

    /** RFC 1939 §5: a message marked for deletion may not be referred to. */
    public static Response markedDeleted(int number) {
        return error("Message " + number + " is marked as deleted");
    }

    public static Response noSuchMessage(int number) {
        return error("No such message: " + number);
    }

    /** QUIT in TRANSACTION (RFC 1939 §6): the marked messages are gone. */
    public static Response signOff(int removed) {
        return closing(POP3Response.OK_RESPONSE, "Bye, " + removed + " messages deleted");
    }

    /** A reply's status line without its CRLF, as the listener sends its own lines. */
    public static String line(Response reply) {
        return reply.getLines().get(0).toString();
    }

    private static Response ok(String text) {
        return new POP3Response(POP3Response.OK_RESPONSE, text).immutable();
    }

    private static Response error(String text) {
        return new POP3Response(POP3Response.ERR_RESPONSE, text).immutable();
    }

    /** A reply after which the server closes the connection. */
    private static Response closing(String status, String text) {
        POP3Response response = new POP3Response(status, text);
        response.setEndSession(true);
        return response.immutable();
    }

    /**
     * A multi-line reply: status line, the lines, then the terminating ".". The lines are held in
     * an array list, because James's own response keeps a linked list and reads it by index,
     * which is quadratic for a 50 000-line LIST.
     */
    private static Response listing(String text, List<String> lines) {
        List<CharSequence> all = new ArrayList<>(lines.size() + 2);
        all.add(POP3Response.OK_RESPONSE + " " + text);
        all.addAll(lines);
        all.add(".");
        return new Listing(List.copyOf(all));
    }

    /**
     * A multi-line reply whose body is a stream: "+OK text", the (already dot-stuffed) body, then
     * the terminating ".". The status line travels in the stream rather than as the reply's lines,
     * so the transport writes the whole reply of a small message at once: one TLS record and one
     * write instead of a record for the status line and another for the body (20 RETRs are most of
     * a POP3 session, and the client's cost per record is paid twenty times).
     */
    private static Response content(String text, InputStream body) {
        byte[] status = (POP3Response.OK_RESPONSE + " " + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return new Content(new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(status), body, new ByteArrayInputStream(END_OF_BODY)))));
    }

    private record Content(InputStream getStream) implements StreamResponse {

        @Override
        public String getRetCode() {
            return POP3Response.OK_RESPONSE;
        }

        /** None: the status line is the start of the stream. */
        @Override
        public List<CharSequence> getLines() {
            return List.of();
        }

        @Override
        public boolean isEndSession() {
            return false;
        }
    }

    private record Listing(List<CharSequence> getLines) implements Response {

        @Override
        public String getRetCode() {
            return POP3Response.OK_RESPONSE;
        }

        @Override
        public boolean isEndSession() {
            return false;
        }
    }
}

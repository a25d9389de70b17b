package org.postroom.pop3;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;

/** Building POP3 replies (RFC 1939 §3): single-line status replies and dot-terminated listings. */
final class Replies {

    private Replies() {
    }

    static Response ok(String text) {
        return new POP3Response(POP3Response.OK_RESPONSE, text).immutable();
    }

    static Response error(String text) {
        return new POP3Response(POP3Response.ERR_RESPONSE, text).immutable();
    }

    /** A reply after which the server closes the connection. */
    static Response closing(String status, String text) {
        POP3Response response = new POP3Response(status, text);
        response.setEndSession(true);
        return response.immutable();
    }

    /**
     * A multi-line reply: status line, the lines, then the terminating ".". The lines are held in
     * an array list, because James's own response keeps a linked list and reads it by index,
     * which is quadratic for a 50 000-line LIST.
     */
    static Response listing(String text, List<String> lines) {
        List<CharSequence> all = new ArrayList<>(lines.size() + 2);
        all.add(POP3Response.OK_RESPONSE + " " + text);
        all.addAll(lines);
        all.add(".");
        return new Listing(List.copyOf(all));
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

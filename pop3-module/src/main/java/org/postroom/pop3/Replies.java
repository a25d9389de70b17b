package org.postroom.pop3;

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

/** Building POP3 replies (RFC 1939 §3): single-line status replies and dot-terminated listings. */
final class Replies {

    private static final byte[] END_OF_BODY = {'.', '\r', '\n'};

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

    /**
     * A multi-line reply whose body is a stream: "+OK text", the (already dot-stuffed) body, then
     * the terminating ".". The status line travels in the stream rather than as the reply's lines,
     * so the transport writes the whole reply of a small message at once: one TLS record and one
     * write instead of a record for the status line and another for the body (20 RETRs are most of
     * a POP3 session, and the client's cost per record is paid twenty times).
     */
    static Response content(String text, InputStream body) {
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

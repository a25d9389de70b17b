package org.postroom.smtp.inbound.checks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.postroom.smtp.inbound.hook.TransactionState;
import org.postroom.smtp.message.MessageHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes every Authentication-Results field of a received message that claims to come from this
 * server (RFC 8601 §5: its authserv-id, {@code postroom.hostname}, in any case), so that a sender
 * cannot forge the verdicts our users' mail clients trust; fields of other servers stay. A field is
 * held back, folded lines and all, until its authserv-id is read (it may stand after comments, on
 * a continuation line), then dropped or passed on whole. Only the header section is looked at, up
 * to its empty line.
 */
final class AuthenticationResultsFilter implements DataLineFilter {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationResultsFilter.class);
    private static final AttachmentKey<Section> SECTION = AttachmentKey.of("postroom.authentication-results-filter", Section.class);
    /** A field whose authserv-id is not read within this much is dropped: no real one starts so. */
    private static final int MAX_HELD = 8 * 1024;

    private final String authservId;

    AuthenticationResultsFilter(String authservId) {
        this.authservId = authservId;
    }

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Section section = TransactionState.of(session, SECTION, Section::new);
        if (section.body) {
            return next.onLine(session, line);
        }
        boolean continuation = line.length > 0 && (line[0] == ' ' || line[0] == '\t');
        if (continuation && section.field == Field.DROPPED) {
            return null;
        }
        if (continuation && section.field == Field.HELD) {
            return hold(session, section, line, next);
        }
        if (continuation) {
            return next.onLine(session, line);
        }
        Response response = section.field == Field.HELD ? release(session, section, next, true) : null;
        if (response != null) {
            return response;
        }
        // RFC 5322 §2.1: only the empty line ends the header section; a line that is no field
        // before it is looked past, so that no field after it escapes the filter
        section.body = line.length == 2 && line[0] == '\r';
        if (isAuthenticationResults(line)) {
            section.field = Field.HELD;
            return hold(session, section, line, next);
        }
        section.field = Field.OTHER;
        return next.onLine(session, line);
    }

    /** The line starts an Authentication-Results field; white space may stand before the colon (RFC 5322 §4.5.3). */
    private static boolean isAuthenticationResults(byte[] line) {
        return "authentication-results".equals(MessageHeaders.name(new String(line, StandardCharsets.ISO_8859_1)));
    }

    /** Holds one more line of an Authentication-Results field; decides once its authserv-id is read. */
    private Response hold(SMTPSession session, Section section, byte[] line, LineHandler<SMTPSession> next) {
        section.held.add(line);
        section.heldBytes += line.length;
        return release(session, section, next, section.heldBytes > MAX_HELD);
    }

    /**
     * Passes the held field on when its authserv-id is another server's, drops it when it is ours;
     * at the field's end ({@code complete}) an id still unread counts as ours.
     */
    private Response release(SMTPSession session, Section section, LineHandler<SMTPSession> next, boolean complete) {
        String id = authservId(section.held);
        if (id == null && !complete) {
            return null;
        }
        List<byte[]> lines = section.held;
        section.held = new ArrayList<>();
        section.heldBytes = 0;
        if (id == null || id.equalsIgnoreCase(authservId)) {
            section.field = Field.DROPPED;
            log.info("session {}: removed an Authentication-Results field claiming to be this server's ({})",
                    session.getSessionID(), authservId);
            return null;
        }
        section.field = Field.PASSED;
        for (byte[] held : lines) {
            Response response = next.onLine(session, held);
            if (response != null) {
                return response;
            }
        }
        return null;
    }

    /**
     * The authserv-id (RFC 8601 §2.2) of a field as held so far: the first word of its value after
     * white space and comments; null while it is not complete yet (or when the field has none).
     */
    static String authservId(List<byte[]> lines) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        lines.forEach(joined::writeBytes);
        String text = joined.toString(StandardCharsets.UTF_8);
        int i = text.indexOf(':') + 1;
        int depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == '\\' && depth > 0) {
                i++;
            } else if (depth == 0 && !Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && ";(".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        // the word ends at ";", a comment or white space; at the end of what is held it may go on
        return i > start && i < text.length() ? text.substring(start, i) : null;
    }

    /** Where the filter is in a message's header section. */
    private enum Field {
        /** Any other field, or none yet. */
        OTHER,
        /** An Authentication-Results field whose authserv-id is not read yet. */
        HELD,
        /** An Authentication-Results field of ours: its continuation lines are dropped too. */
        DROPPED,
        /** An Authentication-Results field of another server: its continuation lines pass. */
        PASSED
    }

    private static final class Section {
        boolean body;
        Field field = Field.OTHER;
        List<byte[]> held = new ArrayList<>();
        int heldBytes;
    }
}

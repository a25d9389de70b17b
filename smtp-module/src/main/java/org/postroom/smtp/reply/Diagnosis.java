package org.postroom.smtp.reply;

import org.postroom.storage.Printable;

/**
 * Why a message was not delivered to a recipient: an RFC 3463 status code, the text for the log,
 * the queue and a DSN, and whether a remote server said it (its reply line) or Postroom concluded
 * it (DNS, connection, expiry).
 *
 * <p>Remote text goes into logs and into DSN header fields, so it is reduced to one line of
 * printable ASCII ({@link Printable#asciiLine}): a server must not be able to inject a line break
 * into Postroom's output.
 *
 * @param status the enhanced status code, e.g. {@code 5.1.1}
 * @param text one line of printable ASCII: a remote server's reply line, or Postroom's finding
 * @param fromRemote whether a remote server said it (a DSN then quotes it as {@code smtp;})
 */
public record Diagnosis(String status, String text, boolean fromRemote) {

    /**
     * A remote server's reply, e.g. code 550 with "550 5.1.1 no such user": its enhanced status
     * code, or X.0.0 of its class when it gave none ({@link Reply#status}). A reply code outside
     * 2xx to 5xx, which no server may send, counts as a temporary failure.
     */
    public static Diagnosis remote(int code, String response) {
        String line = Printable.asciiLine(response == null || response.isBlank() ? Integer.toString(code) : response);
        if (!line.startsWith(Integer.toString(code))) {
            line = code + " " + line;
        }
        String status;
        try {
            status = Reply.parse(line).status();
        } catch (IllegalArgumentException notAReplyCode) {
            status = "4." + Codes.SE_OTHER0_UNDEFINED0;
        }
        return new Diagnosis(status, line, true);
    }

    /** Postroom's own finding that a later attempt may change, e.g. {@code 4.4.1} "connection refused". */
    public static Diagnosis temporary(String subjectDetail, String text) {
        return new Diagnosis("4." + subjectDetail, Printable.asciiLine(text), false);
    }

    /** Postroom's own finding that retrying cannot change, e.g. {@code 5.1.10} "null MX". */
    public static Diagnosis permanent(String subjectDetail, String text) {
        return new Diagnosis("5." + subjectDetail, Printable.asciiLine(text), false);
    }

    /** A 5.x.x status: retrying cannot help. */
    public boolean isPermanent() {
        return status.startsWith("5");
    }
}

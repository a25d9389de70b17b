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
     * A remote server's reply that refused something, e.g. code 550 with "550 5.1.1 no such user":
     * its enhanced status code, or X.0.0 of its class when it gave none ({@link Reply#status}). A
     * code that is no refusal (a 2xx or 3xx where the client expected another, such as 354 to
     * MAIL, or one outside 2xx to 5xx, which no server may send) counts as a temporary failure,
     * 4.0.0: RFC 3463 knows only the classes 2, 4 and 5, a failure only 4 and 5, and the next
     * attempt may meet a server that makes sense.
     */
    public static Diagnosis remote(int code, String response) {
        String line = Printable.asciiLine(response == null || response.isBlank() ? Integer.toString(code) : response);
        if (!line.startsWith(Integer.toString(code))) {
            line = code + " " + line;
        }
        String status = "4." + Codes.SE_OTHER0_UNDEFINED0;
        if (code >= 400 && code < 600) {
            try {
                status = Reply.parse(line).status();
            } catch (IllegalArgumentException notAReplyCode) {
                // the line does not start with the code after all: the generic temporary failure stands
            }
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

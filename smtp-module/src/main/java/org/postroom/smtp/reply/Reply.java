package org.postroom.smtp.reply;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP reply: the three-digit code (RFC 5321 §4.2), the enhanced status code (RFC 3463, with
 * RFC 2034 the first word of the text) and a text for humans.
 *
 * <p>The enhanced code is empty only where RFC 2034 §3 leaves it out (the greeting, the answer to
 * EHLO/HELO) or where the peer sent none, as a remote server parsed with {@link #parse} may.
 *
 * @param code the reply code, 200 to 599
 * @param enhanced the enhanced status code like {@code 5.1.1}, whose class matches the code's
 *        first digit, or "" when there is none
 * @param text the human-readable rest of the reply line, never containing CR or LF
 */
public record Reply(int code, String enhanced, String text) {

    private static final Pattern ENHANCED = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern LINE = Pattern.compile("(\\d{3})[ -]?(?:([245]\\.\\d{1,3}\\.\\d{1,3})(?: |$))?(.*)");

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not an SMTP reply code: " + code);
        }
        if (!enhanced.isEmpty()) {
            Matcher m = ENHANCED.matcher(enhanced);
            if (!m.matches() || m.group(1).charAt(0) - '0' != code / 100) {
                throw new IllegalArgumentException("enhanced status code " + enhanced + " does not fit reply " + code);
            }
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text must be one line: " + text);
        }
    }

    /**
     * A reply whose enhanced status code is {@code subjectDetail} (one of {@link Codes}' {@code SE_}
     * constants) in the class of {@code code}: {@code of(550, "1.1", ..)} is {@code 550 5.1.1}.
     */
    public static Reply of(int code, String subjectDetail, String text) {
        return new Reply(code, code / 100 + "." + subjectDetail, text);
    }

    /**
     * A reply line as a server sent it ({@code 550 5.1.1 no such user}, or {@code 250-PIPELINING}
     * for one line of a multi-line reply), the enhanced code taken from the text when present.
     *
     * @throws IllegalArgumentException when the line does not start with a reply code
     */
    public static Reply parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an SMTP reply: " + line);
        }
        int code = Integer.parseInt(m.group(1));
        String enhanced = m.group(2) == null || m.group(2).charAt(0) - '0' != code / 100 ? "" : m.group(2);
        String text = enhanced.isEmpty() && m.group(2) != null ? m.group(2) + " " + m.group(3) : m.group(3);
        return new Reply(code, enhanced, text.strip());
    }

    /**
     * The enhanced status code, or X.0.0 of the reply's class when it has none (RFC 3463 §3: the
     * class alone is what a code without detail says).
     */
    public String status() {
        return enhanced.isEmpty() ? code / 100 + "." + Codes.SE_OTHER0_UNDEFINED0 : enhanced;
    }

    /** The same reply with another text, e.g. one naming the address it is about. */
    public Reply withText(String newText) {
        return new Reply(code, enhanced, newText);
    }

    /** 2xx: the command was accepted. */
    public boolean isPositive() {
        return code < 400;
    }

    /** 4xx: the same command may succeed later (RFC 5321 §4.2.1), so a client retries. */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** 5xx: the command will fail again the same way; a client gives up and bounces. */
    public boolean isPermanent() {
        return code >= 500;
    }

    /** The reply code and the enhanced status code without the text, e.g. {@code 550 5.1.1}. */
    public String codes() {
        return enhanced.isEmpty() ? Integer.toString(code) : code + " " + enhanced;
    }

    /** The reply as it goes on the wire, without the final CRLF: {@code 550 5.1.1 text}. */
    public String line() {
        return enhanced.isEmpty() ? code + " " + text : code + " " + enhanced + " " + text;
    }

    @Override
    public String toString() {
        return line();
    }
}

package org.postroom.smtp.inbound.checks;

import org.postroom.storage.Printable;

/**
 * Values written into Authentication-Results (RFC 8601 §2.2: a property's value is a MIME token,
 * an address or a quoted-string). Whatever a client sent is reduced to printable ASCII first, so
 * that no text of a stranger can end the field or open another one.
 */
final class HeaderValues {

    /** RFC 2045 §5.1 token characters, plus "@" for an addr-spec (RFC 8601 §2.3). */
    private static final String BARE = "[A-Za-z0-9!#$%&'*+\\-.^_`{|}~@]+";

    private HeaderValues() {
    }

    /** {@code text} as it stands when it is a token or a plain address, else quoted. */
    static String value(String text) {
        String printable = Printable.asciiLine(text);
        return printable.matches(BARE) && printable.indexOf('@') == printable.lastIndexOf('@') ? printable
                : quoted(printable);
    }

    /** {@code text} as a quoted-string (RFC 5322 §3.2.4), made printable ASCII. */
    static String quoted(String text) {
        return "\"" + Printable.asciiLine(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

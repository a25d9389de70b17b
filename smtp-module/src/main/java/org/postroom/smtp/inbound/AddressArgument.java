package org.postroom.smtp.inbound;

/**
 * The characters of a MAIL or RCPT argument, checked before James parses it. RFC 5321 §4.1.2
 * allows only printable US-ASCII there: inside a quoted local part qtextSMTP (%d32-33 / %d35-91 /
 * %d93-126) or, after a backslash, quoted-pairSMTP (%d92 %d32-126); atoms, domains and parameters
 * allow less, and no SMTPUTF8 is offered (RFC 6531). James's parser takes any ASCII character after
 * a backslash and TAB, DEL or 8-bit text between the quotes, from where it would reach the reply
 * that echoes the sender, the Received and Return-Path header lines, and logs. A quoted local part
 * must also be closed: one cut short by a bare LF, where the listener ends the line, is no address.
 */
final class AddressArgument {

    private AddressArgument() {
    }

    /** False when {@code argument} holds a character outside printable US-ASCII or an unclosed quoted string. */
    static boolean isWellFormed(String argument) {
        for (int i = 0; i < argument.length(); i++) {
            if (!isPrintable(argument.charAt(i))) {
                return false;
            }
        }
        int path = argument.indexOf('<');
        if (path < 0) {
            return true;
        }
        boolean quoted = false;
        for (int i = path + 1; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (quoted && c == '\\') {
                // quoted-pairSMTP: the next character, printable like all of them, is taken as it is
                i++;
                if (i == argument.length()) {
                    return false;
                }
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return true;
            }
        }
        // without '>' outside quotes James answers the missing bracket; inside them the address was cut short
        return !quoted;
    }

    private static boolean isPrintable(char c) {
        return c >= ' ' && c <= '~';
    }
}

package org.postroom.smtp.inbound;

import java.util.Optional;
import java.util.function.ToIntFunction;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;

/**
 * The characters of a MAIL or RCPT argument, checked before James parses it. RFC 5321 §4.1.2
 * allows only printable US-ASCII there: inside a quoted local part qtextSMTP (%d32-33 / %d35-91 /
 * %d93-126) or, after a backslash, quoted-pairSMTP (%d92 %d32-126); atoms, domains and parameters
 * allow less, and no SMTPUTF8 is offered (RFC 6531). James's parser takes any ASCII character after
 * a backslash and TAB, DEL or 8-bit text between the quotes, from where it would reach the reply
 * that echoes the sender, the Received and Return-Path header lines, and logs. A quoted local part
 * must also be closed: one cut short by a bare LF, where the listener ends the line, is no address.
 *
 * <p>Whether James's address parser takes the mailbox is asked here too, cut out of the argument
 * exactly as James's MAIL and RCPT handlers cut it: they log every address their parser refuses
 * with its stack trace, one client's typo as an exception in the operator's log.
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

    /**
     * Why James's parser refuses the sender of a MAIL argument ({@code FROM:<mailbox> [parameters]}),
     * or empty when it takes it, when it is the null sender, or when James refuses the argument
     * before parsing it (no {@code FROM:}, no brackets).
     */
    static Optional<String> unparsableSender(String argument) {
        // James's MAIL handler ends the path at the first '>' after the first '<'
        return mailbox(argument, "FROM", path -> path.indexOf('>', path.indexOf('<')))
                .filter(mailbox -> !mailbox.isEmpty() && !mailbox.equals("@"))
                .flatMap(AddressArgument::parseFailure);
    }

    /** As {@link #unparsableSender}, for the recipient of a RCPT argument ({@code TO:<mailbox> [parameters]}). */
    static Optional<String> unparsableRecipient(String argument) {
        // James's RCPT handler ends the path at the last '>'
        return mailbox(argument, "TO", path -> path.lastIndexOf('>')).flatMap(AddressArgument::parseFailure);
    }

    /** What stands between the brackets of {@code keyword:<mailbox> [parameters]}, cut out as James does. */
    private static Optional<String> mailbox(String argument, String keyword, ToIntFunction<String> pathEnd) {
        int colon = argument.indexOf(':');
        if (colon <= 0 || !argument.substring(0, colon).equalsIgnoreCase(keyword)) {
            return Optional.empty();
        }
        String path = argument.substring(colon + 1).trim();
        int end = pathEnd.applyAsInt(path);
        if (end > 0 && path.length() > end + 2 && path.charAt(end + 1) == ' ') {
            path = path.substring(0, end + 1);
        }
        return path.length() >= 2 && path.startsWith("<") && path.endsWith(">")
                ? Optional.of(path.substring(1, path.length() - 1)) : Optional.empty();
    }

    /** James's parser on {@code mailbox}, with the domain James adds to a bare local part. */
    private static Optional<String> parseFailure(String mailbox) {
        try {
            new MailAddress(mailbox.contains("@") ? mailbox : mailbox + "@localhost");
            return Optional.empty();
        } catch (AddressException | RuntimeException refused) {
            // James's handlers refuse the address on any exception of the parser's, as here
            return Optional.of(String.valueOf(refused.getMessage()));
        }
    }

    private static boolean isPrintable(char c) {
        return c >= ' ' && c <= '~';
    }
}

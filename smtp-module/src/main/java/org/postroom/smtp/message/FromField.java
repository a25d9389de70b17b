package org.postroom.smtp.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;

/**
 * The author of a message as its header section names it: the From: field (RFC 5322 §3.6.2), read
 * with mime4j's strict address parser (mime4j's core, in the same version, is what jDKIM reads
 * messages with). What a reader and DMARC take for the author is what submission checks and what
 * outbound delivery signs for, so anything that two parsers might read differently counts as
 * {@link Invalid}: a second From: field, a value that does not parse, an address that does not
 * stand in the field as written (a comment or a non-ASCII character inside it), a group that
 * names nobody.
 */
public sealed interface FromField {

    /** The header section has no From: field. */
    record Absent() implements FromField {
    }

    /** The addresses the From: field names (the members of a group among them), in order; never empty. */
    record Authors(List<String> addresses) implements FromField {

        public Authors {
            addresses = List.copyOf(addresses);
        }

        /** The domain of the first author, lower-cased. */
        public String domain() {
            String first = addresses.get(0);
            return first.substring(first.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        }
    }

    /** The From: field cannot be taken at its word. */
    record Invalid(Defect defect) implements FromField {
    }

    /** Why a From: field is {@link Invalid}; {@link #reason()} is the word for logs and metrics. */
    enum Defect {
        SEVERAL_FIELDS("several-from-fields"),
        UNPARSEABLE("from-unparseable"),
        NO_ADDRESS("from-names-no-one"),
        HEADER_TOO_LONG("header-too-long");

        private final String reason;

        Defect(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The From: field of {@code header}, a header section as {@link MessageHeaders#read} returns it. */
    static FromField of(byte[] header) {
        if (!MessageHeaders.isWhole(header)) {
            return new Invalid(Defect.HEADER_TOO_LONG);
        }
        List<String> values = new ArrayList<>();
        // RFC 5322 §2.2.3: unfolding removes a CRLF that is followed by white space
        String text = new String(header, StandardCharsets.UTF_8).replaceAll("\r\n(?=[ \t])", "");
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            // §4.5.3 (obsolete syntax): white space may stand between the field name and the colon
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("from")) {
                values.add(line.substring(colon + 1));
            }
        }
        if (values.isEmpty()) {
            return new Absent();
        }
        if (values.size() > 1) {
            return new Invalid(Defect.SEVERAL_FIELDS);
        }
        return authors(values.get(0));
    }

    private static FromField authors(String value) {
        List<String> addresses = new ArrayList<>();
        try {
            // a display name in raw UTF-8 is common, though only RFC 6532 allows it; it must not
            // make the field unreadable, while an address must still be ASCII as written
            String ascii = value.replaceAll("[^\\x00-\\x7F]", "x");
            for (Mailbox mailbox : DefaultAddressParser.DEFAULT.parseAddressList(ascii).flatten()) {
                addresses.add(mailbox.getAddress());
            }
        } catch (ParseException e) {
            return new Invalid(Defect.UNPARSEABLE);
        }
        if (addresses.isEmpty()) {
            return new Invalid(Defect.NO_ADDRESS);
        }
        if (!addresses.stream().allMatch(value::contains)) {
            return new Invalid(Defect.UNPARSEABLE);
        }
        return new Authors(addresses);
    }
}

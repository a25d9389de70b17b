package org.postroom.smtp.message;

import java.io.IOException;
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

    /**
     * The addresses the From: field names (the members of a group among them), in order; never
     * empty. {@code domain} is the first author's domain as the address parser read it, lower-cased:
     * the domain a signature for the author is made with.
     */
    record Authors(List<String> addresses, String domain) implements FromField {

        public Authors {
            addresses = List.copyOf(addresses);
        }
    }

    /** The From: field cannot be taken at its word. */
    record Invalid(Defect defect) implements FromField {
    }

    /** Why a From: field is {@link Invalid}. */
    enum Defect {
        /** More than one From: field (RFC 5322 §3.6 allows one). */
        SEVERAL_FIELDS,
        /** A value the parser refuses, or whose addresses do not stand in it as written. */
        UNPARSEABLE,
        /** A group that names no one. */
        NO_ADDRESS,
        /** The header section is longer than {@link MessageHeaders#MAX_BYTES}: the field may lie beyond. */
        HEADER_TOO_LONG
    }

    /** The From: field of {@code header}, a header section as {@link MessageHeaders#read} returns it. */
    static FromField of(byte[] header) {
        if (!MessageHeaders.isWhole(header)) {
            return new Invalid(Defect.HEADER_TOO_LONG);
        }
        List<String> values = MessageHeaders.values(header, "from");
        if (values.isEmpty()) {
            return new Absent();
        }
        if (values.size() > 1) {
            return new Invalid(Defect.SEVERAL_FIELDS);
        }
        return authors(values.get(0));
    }

    /**
     * The mailboxes a From: field's {@code value} names (the members of a group among them), in
     * order, as mime4j's strict parser reads it. A display name in raw UTF-8 is common, though only
     * RFC 6532 allows it, and must not make the field unreadable: each non-ASCII character is read
     * as an {@code x}, so an address with one comes back other than it stands in the value.
     *
     * @throws ParseException when the value is no address list, also when a display name's encoded
     *         word (RFC 2047) does not decode
     */
    static List<Mailbox> mailboxes(String value) throws ParseException {
        try {
            return DefaultAddressParser.DEFAULT.parseAddressList(value.replaceAll("[^\\x00-\\x7F]", "x")).flatten();
        } catch (Error undecodable) {
            // mime4j decodes display names as it parses and reports a quoted-printable encoded word
            // it cannot decode ("=?utf-8?q?a= b?=") as an Error wrapping an IOException, not a ParseException
            if (undecodable.getCause() instanceof IOException) {
                throw new ParseException("an encoded word does not decode: " + undecodable.getCause().getMessage());
            }
            throw undecodable;
        }
    }

    private static FromField authors(String value) {
        List<Mailbox> mailboxes;
        try {
            // an address must still be ASCII as written: checked below against the value
            mailboxes = mailboxes(value);
        } catch (ParseException e) {
            return new Invalid(Defect.UNPARSEABLE);
        }
        if (mailboxes.isEmpty()) {
            return new Invalid(Defect.NO_ADDRESS);
        }
        List<String> addresses = mailboxes.stream().map(Mailbox::getAddress).toList();
        if (!addresses.stream().allMatch(value::contains) || mailboxes.get(0).getDomain() == null) {
            return new Invalid(Defect.UNPARSEABLE);
        }
        return new Authors(addresses, mailboxes.get(0).getDomain().toLowerCase(Locale.ROOT));
    }
}

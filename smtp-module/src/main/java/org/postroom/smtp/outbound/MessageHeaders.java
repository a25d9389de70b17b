package org.postroom.smtp.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.postroom.storage.directory.DomainName;

/** The header section of a stored message: read off the front of its bytes, and its From: domain. */
final class MessageHeaders {

    /** Far above any real header section; a message without a blank line stops here. */
    static final int MAX_BYTES = 256 * 1024;

    private MessageHeaders() {
    }

    /**
     * Reads the header section including the empty line that ends it (CRLF CRLF), leaving
     * {@code in} at the first body byte. Reads byte by byte so that nothing of the body is lost.
     */
    static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
        int last4 = 0;
        while (header.size() < MAX_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            header.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A || (header.size() == 2 && last4 == 0x0D0A)) {
                break;
            }
        }
        return header.toByteArray();
    }

    /** The domain of the first address in the From: field, canonical; empty when there is none. */
    static Optional<String> fromDomain(byte[] header) {
        String text = new String(header, StandardCharsets.ISO_8859_1).replaceAll("\r\n[ \t]", " ");
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("from")) {
                return domainOf(line.substring(colon + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> domainOf(String value) {
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? value.substring(open + 1, close) : value.split(",")[0].strip();
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = address.substring(at + 1).replaceAll("[\\s()\"].*$", "");
        return domain.isEmpty() ? Optional.empty() : Optional.of(DomainName.canonical(domain));
    }
}

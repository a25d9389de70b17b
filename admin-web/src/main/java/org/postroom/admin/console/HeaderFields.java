package org.postroom.admin.console;

import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

/**
 * The header fields a list of messages shows, read from a message's header section:
 * folded lines joined (RFC 5322 §2.2.3) and encoded words decoded (RFC 2047). A field that is
 * missing is "", one that cannot be decoded is shown as it stands. The values are plain text for
 * the page to escape, never markup.
 */
public record HeaderFields(String subject, String from, String date) {

    public static HeaderFields of(String headerSection) {
        try {
            // allowutf8: SMTPUTF8 mail carries UTF-8 in header fields (RFC 6532)
            InternetHeaders headers = new InternetHeaders(
                    new ByteArrayInputStream((headerSection + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)), true);
            return new HeaderFields(field(headers, "Subject"), field(headers, "From"), field(headers, "Date"));
        } catch (MessagingException unparsable) {
            return new HeaderFields("", "", "");
        }
    }

    private static String field(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, null);
        if (value == null) {
            return "";
        }
        String unfolded = MimeUtility.unfold(value).strip();
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException unknownCharset) {
            return unfolded;
        }
    }
}

package org.postroom.smtp.inbound.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.james.jdkim.impl.Message;
import org.apache.james.mime4j.MimeException;
import org.junit.jupiter.api.AfterAll;
import org.postroom.smtp.message.FromField;
import org.postroom.smtp.message.MessageHeaders;
import org.postroom.storage.directory.DomainName;
import org.postroom.testing.FuzzRun;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the reading of a message's header section that decides who its author is: {@link
 * MessageHeaders} (what submission's From: rule, the DKIM signer and DMARC read), {@link FromField}
 * (the author submission checks and outbound signs for) and {@link AuthorDomains} (the domains
 * DMARC and the own-domain rule check). The input is a message as SMTP would store it; one with a
 * bare CR or LF or a NUL never gets that far (StrictDataFilter), so those are taken out first.
 *
 * <p>Invariants: reading the header section loses no byte and stops exactly at its end; the fields
 * are the section's lines, folding kept; an author {@link FromField} accepts stands in the field as
 * written and its domain is among the author domains DMARC checks, and with no From: field there
 * is no author domain; and no From: field that jDKIM (the DKIM library Postroom signs and verifies
 * with) sees in the message is missed by {@link MessageHeaders}, so no author can hide from the
 * checks behind a field the checks read differently.
 */
class HeaderFieldsFuzzTest {

    private static final Pattern BARE_LINE_ENDING_OR_NUL = Pattern.compile("\r(?!\n)|(?<!\r)\n|\u0000");

    @AfterAll
    static void report() {
        FuzzRun.report(HeaderFieldsFuzzTest.class);
    }

    @FuzzTest
    @DictionaryFile(resourcePath = "/org/postroom/smtp/inbound/checks/headers.dict")
    void everyReaderOfTheHeaderFindsTheSameAuthors(byte[] input) throws IOException {
        FuzzRun.input();
        byte[] message = BARE_LINE_ENDING_OR_NUL.matcher(new String(input, StandardCharsets.ISO_8859_1)).replaceAll("")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayInputStream in = new ByteArrayInputStream(message);
        byte[] header = MessageHeaders.read(in);
        byte[] body = in.readAllBytes();

        assertThat(concat(header, body)).as("header and body read").isEqualTo(message);
        assertThat(header.length).as("where the header section ends").isEqualTo(headerLength(message));

        List<String> fields = MessageHeaders.fields(header);
        String decoded = new String(header, StandardCharsets.UTF_8);
        int blank = decoded.startsWith("\r\n") ? 0 : decoded.indexOf("\r\n\r\n");
        String section = blank < 0 ? decoded : decoded.substring(0, blank);
        assertThat(String.join("\r\n", fields)).as("the fields, joined").isEqualTo(section.endsWith("\r\n")
                ? section.substring(0, section.length() - 2) : section);

        List<String> authorDomains = AuthorDomains.of(new HeaderFields(header));
        FromField from = FromField.of(header);
        if (from instanceof FromField.Authors authors) {
            String value = MessageHeaders.values(header, "from").get(0);
            assertThat(authors.addresses()).as("authors as written in %s", value).allSatisfy(a -> assertThat(value).contains(a));
            assertThat(authorDomains).as("author domains of %s", value).contains(DomainName.canonical(authors.domain()));
        }
        if (from instanceof FromField.Absent) {
            assertThat(authorDomains).as("author domains without a From: field").isEmpty();
        }
        int fromFields = MessageHeaders.values(header, "from").size();
        assertThat(fromFields).as("From: fields read, against jDKIM's %s", jdkimFromFields(message))
                .isGreaterThanOrEqualTo(jdkimFromFields(message).size());
    }

    /**
     * Where RFC 5322 §2.1 ends the header section: after the empty line (the CRLF that starts the
     * message, or the first CRLF CRLF), or at the end of what {@link MessageHeaders#read} takes.
     */
    private static int headerLength(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        if (text.startsWith("\r\n")) {
            return 2;
        }
        int blank = text.indexOf("\r\n\r\n");
        return blank >= 0 && blank + 4 <= MessageHeaders.MAX_BYTES ? blank + 4
                : Math.min(message.length, MessageHeaders.MAX_BYTES);
    }

    /** The From: fields jDKIM reads in {@code message} (none when it cannot read it). */
    private static List<String> jdkimFromFields(byte[] message) throws IOException {
        try {
            Message parsed = new Message(new ByteArrayInputStream(message));
            try {
                List<String> fields = parsed.getFields("from");
                return fields == null ? List.of() : fields;
            } finally {
                parsed.dispose();
            }
        } catch (MimeException unreadable) {
            return List.of();
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}

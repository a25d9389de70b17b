package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 5321 §4.1.2: inside a quoted local part only printable US-ASCII may stand, as qtextSMTP
 * (%d32-33 / %d35-91 / %d93-126) or after a backslash as quoted-pairSMTP (%d92 %d32-126). A CR, a
 * NUL or any other control character there would travel with the envelope into the Received and
 * Return-Path header lines and into logs; such a MAIL is refused with 501 5.1.7, such a RCPT with
 * 501 5.1.3, and the transaction goes on.
 */
class QuotedLocalPartTest {

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private TestListener listener;

    @BeforeEach
    void start() {
        listener = bed.mx();
    }

    static Stream<Named<String>> outsideQuotedText() {
        return Stream.of(Named.of("CR", "\r"), Named.of("NUL", "\0"), Named.of("escaped CR", "\\\r"),
                Named.of("escaped NUL", "\\\0"), Named.of("TAB", "\t"), Named.of("DEL", "\u007f"),
                Named.of("SOH", "\u0001"), Named.of("escaped SOH", "\\\u0001"), Named.of("8-bit", "\u00e9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outsideQuotedText")
    void aControlCharacterInAQuotedLocalPartIsRefusedAndTheTransactionGoesOn(String character) {
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<\"far" + character + "away\"@elsewhere.test>").expect("501 5.1.7");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<\"alice" + character + "\"@example.com>").expect("501 5.1.3");
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw("Subject: clean\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
    }

    @Test
    void anLfInAQuotedLocalPartEndsTheCommandThereAndBothPiecesAreRefused() {
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<\"far\naway\"@elsewhere.test>").expect("501 5.1.7").expect("500 5.5.1");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<\"alice\n\"@example.com>").expect("501 5.1.3").expect("500 5.5.1");
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
        }
    }

    @Test
    void printableQuotedLocalPartsAreStillTaken() {
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<\"far away\"@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RSET").expect("250");
            smtp.send("MAIL FROM:<\"far\\\"away\\\\\"@elsewhere.test>").expect("250 2.1.0");
        }
    }
}

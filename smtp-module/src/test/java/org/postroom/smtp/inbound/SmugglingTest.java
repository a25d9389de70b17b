package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SMTP smuggling (CVE-2023-51764, CVE-2023-51765, CVE-2023-51766): a sender ends its message with
 * an end-of-data sequence that some server in the chain does not take for one, followed by a second,
 * forged transaction in the same write. Postroom ends DATA only at CRLF.CRLF and refuses a message
 * with a bare CR, LF or NUL, so one submission is at most one message, never two.
 */
class SmugglingTest {

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private TestListener listener;

    @BeforeEach
    void start() {
        listener = bed.mx(bed.settings(1024 * 1024));
    }

    @ParameterizedTest(name = "end of data smuggled as {0}")
    @ValueSource(strings = {"\\n.\\n", "\\n.\\r\\n", "\\r.\\r\\n", "\\r\\n.\\r", "\\r\\n.\\n", "\\r\\n\\0.\\r\\n"})
    void aFakeEndOfDataNeverSplitsOneMessageIntoTwo(String escapedEnding) {
        String fakeEnd = escapedEnding.replace("\\r", "\r").replace("\\n", "\n").replace("\\0", "\0");
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("attacker.elsewhere.test");
            smtp.send("MAIL FROM:<attacker@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("From: attacker@elsewhere.test\r\nSubject: first\r\n\r\nfirst body" + fakeEnd
                    + "MAIL FROM:<ceo@example.com>\r\n"
                    + "RCPT TO:<alice@example.com>\r\n"
                    + "DATA\r\n"
                    + "From: ceo@example.com\r\nSubject: smuggled\r\n\r\nforged\r\n"
                    + ".\r\n");
            // the whole write was one message with a bare line ending: refused as one
            smtp.expect("554 5.6.0");
            smtp.send("NOOP").expect("250 2.0.0");
        }
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @ParameterizedTest(name = "a proper message after {0} in a refused one")
    @ValueSource(strings = {"\\n.\\n", "\\r\\n.\\n"})
    void afterARefusedMessageTheSessionCarriesOnWithTheNextOne(String escapedEnding) {
        String fakeEnd = escapedEnding.replace("\\r", "\r").replace("\\n", "\n");
        try (SmtpTranscript smtp = SmtpTranscript.connect(listener.port())) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("Subject: sloppy\r\n\r\nbody" + fakeEnd + "more\r\n.\r\n").expect("554 5.6.0");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("Subject: clean\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).singleElement()
                .satisfies(m -> assertThat(new String(m, StandardCharsets.US_ASCII)).contains("Subject: clean"));
    }
}

package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP smuggling (CVE-2023-51764, CVE-2023-51765, CVE-2023-51766): a sender ends its message with
 * an end-of-data sequence that some server in the chain does not take for one, followed by a second,
 * forged transaction in the same write. Postroom ends DATA only at CRLF.CRLF and refuses a message
 * with a bare CR, LF or NUL, so one submission is at most one message, never two.
 *
 * <p>Each fake ending is tried after a short line, after a line one octet over the listener's line
 * limit, and after a 70 000-octet line: the listener drops the bytes of an over-long line, and how
 * that line ended (CRLF or a bare LF) must still decide whether the next line starts a line. Each
 * on the MX port in clear text, on submission after STARTTLS and on submission over implicit TLS.
 */
class SmugglingTest {

    /** The fake ends of data, each as the first bytes after the last line of the first message. */
    private static final List<String> FAKE_ENDS = List.of("\n.\n", "\n.\r\n", "\r.\r\n", "\r\n.\r", "\r\n.\n",
            "\r\n\0.\r\n");

    /** Fake ends after which the client, seeing its message refused, carries on with a proper one. */
    private static final List<String> SLOPPY_ENDS = List.of("\n.\n", "\n.\r\n", "\r\n.\n");

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    static Stream<Arguments> portsAndLastLines() {
        return Arrays.stream(Port.values())
                .flatMap(port -> Arrays.stream(LastLine.values()).map(line -> Arguments.of(port, line)));
    }

    @ParameterizedTest(name = "{0}, the fake end after a {1} line")
    @MethodSource("portsAndLastLines")
    void aFakeEndOfDataNeverSplitsOneMessageIntoTwo(Port port, LastLine lastLine) {
        TestListener listener = port.listener.apply(bed);
        for (String fakeEnd : FAKE_ENDS) {
            try (SmtpTranscript smtp = port.open(listener)) {
                inContextOf(fakeEnd, () -> {
                    smtp.send("MAIL FROM:<" + port.sender + ">").expect("250");
                    smtp.send("RCPT TO:<alice@example.com>").expect("250");
                    smtp.send("DATA").expect("354");
                    smtp.raw("From: " + port.sender + "\r\nSubject: first\r\n\r\n" + lastLine.text + fakeEnd
                            + "MAIL FROM:<" + port.sender + ">\r\n"
                            + "RCPT TO:<bob@example.com>\r\n"
                            + "DATA\r\n"
                            + "From: ceo@example.com\r\nSubject: smuggled\r\n\r\nforged\r\n"
                            + ".\r\n");
                    // the whole write was one message, refused as one at its real end
                    smtp.expect(lastLine.refusal);
                    smtp.send("NOOP").expect("250 2.0.0");
                });
            }
            inContextOf(fakeEnd, () -> {
                assertThat(bed.mail().storedMessages()).as("messages stored").isZero();
                assertThat(bed.mail().queuedRecipients()).as("recipients queued").isEmpty();
            });
        }
    }

    @ParameterizedTest(name = "{0}, a proper message after a refused one ending in a {1} line")
    @MethodSource("portsAndLastLines")
    void afterARefusedMessageTheSessionCarriesOnWithTheNextOne(Port port, LastLine lastLine) {
        TestListener listener = port.listener.apply(bed);
        try (SmtpTranscript smtp = port.open(listener)) {
            for (String fakeEnd : SLOPPY_ENDS) {
                inContextOf(fakeEnd, () -> {
                    smtp.send("MAIL FROM:<" + port.sender + ">").expect("250");
                    smtp.send("RCPT TO:<alice@example.com>").expect("250");
                    smtp.send("DATA").expect("354");
                    smtp.raw("Subject: sloppy\r\n\r\n" + lastLine.text + fakeEnd + "more\r\n.\r\n")
                            .expect(lastLine.refusal);
                    smtp.send("MAIL FROM:<" + port.sender + ">").expect("250");
                    smtp.send("RCPT TO:<alice@example.com>").expect("250");
                    smtp.send("DATA").expect("354");
                    smtp.raw("Subject: clean\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
                });
            }
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(SLOPPY_ENDS.size())
                .allSatisfy(m -> assertThat(new String(m, StandardCharsets.US_ASCII)).contains("Subject: clean")
                        .doesNotContain("Subject: sloppy"));
    }

    /** Runs {@code steps}, naming the fake end in the failure if one of them fails. */
    private static void inContextOf(String fakeEnd, Runnable steps) {
        try {
            steps.run();
        } catch (AssertionError e) {
            throw new AssertionError("with the fake end " + escaped(fakeEnd) + ": " + e.getMessage(), e);
        }
    }

    private static String escaped(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }

    /** Where the message comes in, and how a client gets as far as MAIL there. */
    enum Port {
        MX(SmtpTestBed::mx, "attacker@elsewhere.test") {
            @Override
            SmtpTranscript open(TestListener listener) {
                SmtpTranscript smtp = SmtpTranscript.connect(listener.port());
                smtp.ehlo("attacker.elsewhere.test");
                return smtp;
            }
        },
        SUBMISSION_STARTTLS(SmtpTestBed::submission, "alice@example.com") {
            @Override
            SmtpTranscript open(TestListener listener) {
                SmtpTranscript smtp = SmtpTranscript.connect(listener.port());
                smtp.ehlo("laptop.example.com");
                smtp.send("STARTTLS").expect("220 2.0.0");
                smtp.startTls();
                return authenticated(smtp);
            }
        },
        SUBMISSION_IMPLICIT_TLS(SmtpTestBed::submissions, "alice@example.com") {
            @Override
            SmtpTranscript open(TestListener listener) {
                return authenticated(SmtpTranscript.connectTls(listener.port()));
            }
        };

        private final Function<SmtpTestBed, TestListener> listener;
        private final String sender;

        Port(Function<SmtpTestBed, TestListener> listener, String sender) {
            this.listener = listener;
            this.sender = sender;
        }

        abstract SmtpTranscript open(TestListener listener);

        private static SmtpTranscript authenticated(SmtpTranscript smtp) {
            smtp.ehlo("laptop.example.com");
            String plain = "\0alice@example.com\0" + TestMailSystem.PASSWORD;
            smtp.send("AUTH PLAIN " + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)))
                    .expect("235 2.7.0");
            return smtp;
        }
    }

    /** The last line of the first message before its fake end, and the reply that refuses the message. */
    enum LastLine {
        SHORT("first body", "554 5.6.0"),
        /** One octet more than the listener takes in a line, even before the line ending. */
        OVER_THE_LIMIT("y".repeat(TestListener.MAX_LINE + 1), "552 5.3.4"),
        HUGE("y".repeat(70_000), "552 5.3.4");

        private final String text;
        private final String refusal;

        LastLine(String text, String refusal) {
            this.text = text;
            this.refusal = refusal;
        }

        @Override
        public String toString() {
            return text.length() + "-octet";
        }
    }
}

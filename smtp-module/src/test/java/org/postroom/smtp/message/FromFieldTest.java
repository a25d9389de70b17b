package org.postroom.smtp.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postroom.smtp.message.FromField.Authors;
import org.postroom.smtp.message.FromField.Defect;
import org.postroom.smtp.message.FromField.Invalid;

class FromFieldTest {

    @ParameterizedTest(name = "From:{0}")
    @CsvSource(delimiter = '|', value = {
        " Alice <alice@Example.COM>                 | alice@Example.COM",
        " alice@example.com (Alice)                 | alice@example.com",
        " \"Last, First\" <first@example.com>       | first@example.com",
        " =?utf-8?q?J=C3=B6rg?= <joerg@example.com>  | joerg@example.com",
        " Jörg <joerg@example.com>                  | joerg@example.com",
        " a@example.com, b@example.org              | a@example.com b@example.org",
        " team: a@example.com, b@example.org;       | a@example.com b@example.org",
        " <@relay.example:a@example.com>            | a@example.com"
    })
    void theAuthorsAreTheAddressesOfTheField(String value, String addresses) {
        assertThat(((Authors) FromField.of(header("Subject: x\r\nFrom:" + value + "\r\n\r\n"))).addresses())
                .isEqualTo(List.of(addresses.split(" ")));
    }

    @ParameterizedTest(name = "From:{0}")
    @CsvSource(delimiter = '|', value = {
        " alice@example.com <ceo@bank.test>   | UNPARSEABLE",
        " <alice@example.com>ceo@bank.test    | UNPARSEABLE",
        " alice@example.com;ceo@bank.test     | UNPARSEABLE",
        " alice                               | UNPARSEABLE",
        " jörg@example.com                    | UNPARSEABLE",
        " alice(x)@example.com                | UNPARSEABLE",
        " undisclosed:;                       | NO_ADDRESS",
        " ''                                  | NO_ADDRESS"
    })
    void aFieldTwoReadersCouldReadDifferentlyIsInvalid(String value, Defect defect) {
        assertThat(FromField.of(header("From:" + value.replace("''", "") + "\r\n\r\n"))).isEqualTo(new Invalid(defect));
    }

    /**
     * mime4j decodes the encoded words of display names as it parses, and a quoted-printable one
     * it cannot decode ("a= b") comes out as a java.lang.Error, not a parse error (found by
     * HeaderFieldsFuzzTest): the field is unparseable, and DMARC reads its domains loosely.
     */
    @Test
    void aDisplayNameWhoseEncodedWordDoesNotDecodeIsUnparseable() {
        assertThat(FromField.of(header("From: =?utf-8?q?a= b?= <alice@example.com>\r\n\r\n")))
                .isEqualTo(new Invalid(Defect.UNPARSEABLE));
    }

    @Test
    void foldedAndOddlySpelledFieldsAreFromFieldsToo() {
        assertThat(FromField.of(header("FROM: \"Smith,\r\n Alice\"\r\n\t<alice@example.com>\r\n\r\n")))
                .isEqualTo(new Authors(List.of("alice@example.com"), "example.com"));
        assertThat(FromField.of(header("From: alice@example.com\r\nfrom : ceo@bank.test\r\n\r\n")))
                .isEqualTo(new Invalid(Defect.SEVERAL_FIELDS));
    }

    @Test
    void noFromFieldIsAbsentAndACutOffHeaderIsNotTrusted() {
        assertThat(FromField.of(header("Subject: x\r\n\r\n"))).isEqualTo(new FromField.Absent());
        byte[] cutOff = header(("X-Filler: " + "y".repeat(1000) + "\r\n").repeat(300)
                .substring(0, MessageHeaders.MAX_BYTES));
        assertThat(FromField.of(cutOff)).isEqualTo(new Invalid(Defect.HEADER_TOO_LONG));
    }

    @Test
    void theDomainIsTheFirstAuthorsLowerCased() {
        assertThat(((Authors) FromField.of(header("From: A@Mail.Example.COM, b@example.org\r\n\r\n"))).domain())
                .isEqualTo("mail.example.com");
    }

    private static byte[] header(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

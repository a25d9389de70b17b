package org.postroom.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client text on its way into a log line: nothing in it may start a line or steer a terminal. */
class PrintableTest {

    @Test
    void aWordKeepsPrintableAsciiOnly() {
        assertThat(Printable.of("alice@example.com")).isEqualTo("alice@example.com");
        assertThat(Printable.of("evil\r\n2030-01-01 INFO forged")).isEqualTo("evil??2030-01-01?INFO?forged");
        assertThat(Printable.of("nul\0byte\u001b[2J")).isEqualTo("nul?byte?[2J");
        assertThat(Printable.of("")).isEqualTo("-");
        assertThat(Printable.of("x".repeat(300))).hasSize(255);
    }

    @Test
    void aSentenceKeepsSpacesAndLettersButNoControlOrInvisibleCharacter() {
        assertThat(Printable.text("domain bücher.example exists already")).isEqualTo("domain bücher.example exists already");
        assertThat(Printable.text("no user a\r\nINFO forged\u0085next")).isEqualTo("no user a??INFO forged?next");
        assertThat(Printable.text("line\u2028separator, \u202Eoverride, \u200Bzero width, \u001b[31mred"))
                .isEqualTo("line?separator, ?override, ?zero width, ?[31mred");
        assertThat(Printable.text("emoji \uD83D\uDCEC stays, a lone \uD83D does not"))
                .isEqualTo("emoji \uD83D\uDCEC stays, a lone ? does not");
        assertThat(Printable.text("y".repeat(5000))).hasSize(1003).endsWith("...");
    }

    @Test
    void anAsciiLineJoinsLinesAndKeepsPrintableAsciiOnly() {
        assertThat(Printable.asciiLine("550-5.7.1 first line\r\n550 5.7.1 second line\r\n"))
                .isEqualTo("550-5.7.1 first line 550 5.7.1 second line");
        assertThat(Printable.asciiLine("550 5.0.0 x\rInjected: yes\u0000\u001b[31m\u00e9"))
                .isEqualTo("550 5.0.0 x Injected: yes??[31m?");
        assertThat(Printable.asciiLine("z".repeat(5000))).hasSize(500);
    }
}

package org.postroom.smtp.inbound.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.smtp.inbound.checks.MessageAuthentication.resinfo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.smtp.inbound.checks.DmarcResult.Disposition;
import org.postroom.smtp.inbound.checks.DmarcResult.Policy;

/** The Authentication-Results field (RFC 8601) this server writes, and the authserv-id of those it reads. */
class AuthenticationResultsFieldTest {

    @Test
    void eachResultStandsOnItsOwnLineWithWhatClientsSentMadeSafe() {
        SpfResult spf = new SpfResult(SpfResult.Status.SOFTFAIL, "mailfrom", "odd\"name;x@example.org", "example.org");
        DkimResult dkim = new DkimResult(DkimResult.Status.FAIL, "example.org", "s1", "AbCdEfGhIjKl",
                "body hash \"wrong\"");
        DmarcResult dmarc = new DmarcResult(DmarcResult.Status.FAIL, "example.org", Policy.REJECT, Disposition.REJECT, "");
        assertThat(resinfo(spf.verdict())).isEqualTo("spf=softfail smtp.mailfrom=\"odd\\\"name;x@example.org\"");
        assertThat(resinfo(dkim.verdict())).isEqualTo("dkim=fail reason=\"body hash \\\"wrong\\\"\" header.d=example.org"
                + " header.s=s1 header.b=AbCdEfGhIjKl");
        assertThat(resinfo(dmarc.verdict())).isEqualTo("dmarc=fail (p=reject dis=reject) header.from=example.org");
        assertThat(resinfo(new SpfResult(SpfResult.Status.NONE, "helo", "bad\r\nInjected: yes", "").verdict()))
                .isEqualTo("spf=none smtp.helo=\"bad Injected: yes\"");
    }

    @Test
    void theAuthservIdIsTheFirstWordAfterCommentsAndWhiteSpace() {
        assertThat(AuthenticationResultsFilter.authservId(lines("Authentication-Results: mx.example; spf=pass\r\n")))
                .isEqualTo("mx.example");
        assertThat(AuthenticationResultsFilter.authservId(lines("Authentication-Results:\r\n", " (a (nested) note)\r\n",
                "\tMX.Example 1; none\r\n"))).isEqualTo("MX.Example");
        assertThat(AuthenticationResultsFilter.authservId(lines("Authentication-Results : mx.example(x); dkim=pass\r\n")))
                .isEqualTo("mx.example");
        // not known yet: the next line may hold it
        assertThat(AuthenticationResultsFilter.authservId(lines("Authentication-Results: (comment\r\n"))).isNull();
        assertThat(AuthenticationResultsFilter.authservId(lines("Authentication-Results:\r\n"))).isNull();
    }

    private static List<byte[]> lines(String... lines) {
        return Arrays.stream(lines).map(line -> line.getBytes(StandardCharsets.US_ASCII)).toList();
    }
}

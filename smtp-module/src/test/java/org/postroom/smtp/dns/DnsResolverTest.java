package org.postroom.smtp.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.dns.DnsAnswer.Failed;
import org.postroom.smtp.dns.DnsAnswer.Found;
import org.postroom.smtp.dns.DnsAnswer.None;
import org.postroom.smtp.testing.TestDnsServer;
import org.xbill.DNS.Type;

/** The three kinds of answer every check tells apart, against a DNS server on loopback. */
class DnsResolverTest {

    private final TestDnsServer dns;
    private final DnsResolver resolver;

    DnsResolverTest() throws IOException {
        dns = new TestDnsServer();
        resolver = dns.dnsResolver(Duration.ofMillis(500));
    }

    @AfterEach
    void close() {
        dns.close();
    }

    @Test
    void recordsAreFoundAndTheirStringsJoined() {
        dns.txt("spf.example", "v=spf1 -all").txt("key.example", List.of("v=DKIM1; p=abc", "def"));
        assertThat(((Found) resolver.lookup("spf.example", Type.TXT)).texts()).containsExactly("v=spf1 -all");
        assertThat(((Found) resolver.lookup("key.example.", Type.TXT)).texts()).containsExactly("v=DKIM1; p=abcdef");
    }

    @Test
    void textsAreTheRecordsBytesNotDnsjavasEscapedForm() {
        // given in zone-file syntax: the record's bytes are  say "hi" \ ok
        dns.txt("quoted.example", "say \\\"hi\\\" \\\\ ok");
        assertThat(((Found) resolver.lookup("quoted.example", Type.TXT)).texts()).containsExactly("say \"hi\" \\ ok");
    }

    @Test
    void aNameThatDoesNotExistAndANameWithoutTheTypeAreBothNone() throws IOException {
        dns.a("host.example", "192.0.2.1");
        assertThat(resolver.lookup("nowhere.example", Type.TXT)).isEqualTo(new None(true));
        assertThat(resolver.lookup("host.example", Type.TXT)).isEqualTo(new None(false));
        // and the same from the cache
        assertThat(resolver.lookup("host.example", Type.TXT)).isEqualTo(new None(false));
        assertThat(resolver.lookup("a name with spaces", Type.TXT)).isEqualTo(new None(true));
    }

    @Test
    void serverFailureAndSilenceAreTemporaryFailures() {
        dns.failing("broken.example").silent("silent.example");
        assertThat(resolver.lookup("broken.example", Type.TXT)).isInstanceOf(Failed.class)
                .extracting(answer -> ((Failed) answer).reason()).asString().contains("SERVFAIL");
        long start = System.nanoTime();
        assertThat(resolver.lookup("silent.example", Type.TXT)).isInstanceOf(Failed.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void answersAreCachedForTheirTtl() {
        dns.txt("cached.example", "v=spf1 -all");
        resolver.lookup("cached.example", Type.TXT);
        resolver.lookup("cached.example", Type.TXT);
        resolver.lookup("nowhere.example", Type.TXT);
        resolver.lookup("nowhere.example", Type.TXT);
        assertThat(dns.questions()).containsExactly("cached.example TXT", "nowhere.example TXT");
    }

    @Test
    void aFailureIsRememberedBrieflySoThatADeadResolverIsNotWaitedForAgainAndAgain() {
        dns.failing("broken.example").silent("silent.example");
        assertThat(resolver.lookup("broken.example", Type.TXT)).isInstanceOf(Failed.class);
        assertThat(resolver.lookup("silent.example", Type.TXT)).isInstanceOf(Failed.class);
        long start = System.nanoTime();
        assertThat(resolver.lookup("Broken.Example.", Type.TXT)).isInstanceOf(Failed.class);
        assertThat(resolver.lookup("silent.example", Type.TXT)).isInstanceOf(Failed.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(resolver.lookup("broken.example", Type.A)).isInstanceOf(Failed.class);
        assertThat(dns.questions()).filteredOn(question -> question.startsWith("broken.example"))
                .containsExactly("broken.example TXT", "broken.example A");
    }

    @Test
    void anAnswerTooLongForUdpComesOverTcp() {
        String key = "v=DKIM1; k=rsa; p=" + "A".repeat(1800);
        dns.longTxt("s1._domainkey.big.example", key);
        assertThat(((Found) resolver.lookup("s1._domainkey.big.example", Type.TXT)).texts()).containsExactly(key);
    }

    @Test
    void aServerThatIsDownIsATemporaryFailure() {
        dns.close();
        assertThat(resolver.lookup("any.example", Type.MX)).isInstanceOf(Failed.class);
    }
}

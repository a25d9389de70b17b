package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.outbound.NextHops.Hosts;
import org.postroom.smtp.outbound.NextHops.NoMail;
import org.postroom.smtp.outbound.NextHops.Unresolved;
import org.postroom.smtp.testing.TestDnsServer;

/** MX selection (RFC 5321 §5.1, RFC 7505) against a DNS server on loopback. */
class DnsLookupTest {

    private final TestDnsServer dns;
    private final DnsLookup lookup;

    DnsLookupTest() throws IOException {
        dns = new TestDnsServer();
        lookup = new DnsLookup(dns.dnsResolver(), 25);
    }

    @AfterEach
    void close() {
        dns.close();
    }

    @Test
    void mxHostsComeByPreferenceLowestFirst() {
        dns.mx("far.example", 20, "backup.far.example").mx("far.example", 10, "primary.far.example")
                .mx("far.example", 30, "last.far.example");
        assertThat(hosts("far.example")).containsExactly("primary.far.example", "backup.far.example",
                "last.far.example");
    }

    @Test
    void hostsOfEqualPreferenceComeInRandomOrderAfterTheBetterOnes() {
        dns.mx("far.example", 10, "a.far.example").mx("far.example", 10, "b.far.example")
                .mx("far.example", 5, "first.far.example");
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            List<String> hosts = hosts("far.example");
            assertThat(hosts.get(0)).isEqualTo("first.far.example");
            orders.add(hosts);
        }
        assertThat(orders).containsExactlyInAnyOrder(
                List.of("first.far.example", "a.far.example", "b.far.example"),
                List.of("first.far.example", "b.far.example", "a.far.example"));
    }

    @Test
    void aDomainWithoutMxButWithAnAddressIsItsOwnMailHost() throws IOException {
        dns.a("plain.example", "127.0.0.1");
        assertThat(lookup.mailHosts("plain.example")).isEqualTo(new Hosts(List.of(NextHop.mx("plain.example", 25))));
    }

    @Test
    void aNullMxMeansTheDomainTakesNoMail() throws IOException {
        dns.nullMx("nomail.example").a("nomail.example", "127.0.0.1");
        NoMail noMail = (NoMail) lookup.mailHosts("nomail.example");
        assertThat(noMail.diagnosis().status()).isEqualTo("5.1.10");
        assertThat(noMail.diagnosis().text()).contains("null MX");
    }

    @Test
    void aDomainThatDoesNotExistTakesNoMail() {
        NoMail noMail = (NoMail) lookup.mailHosts("no-such-domain.example");
        assertThat(noMail.diagnosis().status()).isEqualTo("5.1.2");
        assertThat(noMail.diagnosis().text()).isEqualTo("no such domain: no-such-domain.example");
    }

    @Test
    void aDomainWithNeitherMxNorAddressTakesNoMail() {
        dns.txt("txt-only.example", "v=spf1 -all");
        NoMail noMail = (NoMail) lookup.mailHosts("txt-only.example");
        assertThat(noMail.diagnosis().text()).contains("neither MX nor address");
    }

    @Test
    void anIpv6OnlyDomainWithoutMxIsItsOwnMailHost() throws IOException {
        dns.aaaa("six.example", "::1");
        assertThat(hosts("six.example")).containsExactly("six.example");
    }

    @Test
    void aFailingDnsServerDefersRatherThanFails() {
        dns.failing("broken.example");
        Unresolved unresolved = (Unresolved) lookup.mailHosts("broken.example");
        assertThat(unresolved.diagnosis().status()).isEqualTo("4.4.3");
        assertThat(unresolved.diagnosis().isPermanent()).isFalse();
    }

    @Test
    void addressesAreIpv4ThenIpv6AndLiteralsNeedNoLookup() throws IOException {
        dns.a("mx.far.example", "127.0.0.2").aaaa("mx.far.example", "::1");
        assertThat(lookup.addresses("mx.far.example")).containsExactly(InetAddress.getByName("127.0.0.2"),
                InetAddress.getByName("::1"));
        int asked = dns.questions().size();
        assertThat(lookup.addresses("127.0.0.9")).containsExactly(InetAddress.getByName("127.0.0.9"));
        assertThat(dns.questions()).hasSize(asked);
        assertThat(lookup.addresses("unknown.far.example")).isEmpty();
    }

    private List<String> hosts(String domain) {
        return ((Hosts) lookup.mailHosts(domain)).hosts().stream().map(NextHop::host).toList();
    }
}

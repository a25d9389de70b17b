package org.postroom.smtp.inbound.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.testing.TestDnsServer;

class TrustedForwardersTest {

    private TestDnsServer dns;

    @BeforeEach
    void startDns() throws Exception {
        dns = new TestDnsServer();
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private TrustedForwarders of(String... entries) {
        return TrustedForwarders.of(List.of(entries), dns.dnsResolver(Duration.ofMillis(400)));
    }

    @Test
    void networksAndSingleAddressesContainTheirClients() throws Exception {
        TrustedForwarders forwarders = of("192.0.2.0/24", "198.51.100.7", "2001:db8:f::/48");
        assertThat(forwarders.contains(ip("192.0.2.200"))).isTrue();
        assertThat(forwarders.contains(ip("198.51.100.7"))).isTrue();
        assertThat(forwarders.contains(ip("198.51.100.8"))).isFalse();
        assertThat(forwarders.contains(ip("2001:db8:f:1::25"))).isTrue();
        assertThat(forwarders.contains(ip("2001:db8:e::25"))).isFalse();
        assertThat(dns.questions()).isEmpty();
    }

    @Test
    void aHostNameStandsForItsAddressesAsDnsHasThemNow() throws Exception {
        dns.a("lists.example.test", "203.0.113.5").aaaa("lists.example.test", "2001:db8::25");
        TrustedForwarders forwarders = of("Lists.Example.TEST.");
        assertThat(forwarders.contains(ip("203.0.113.5"))).isTrue();
        assertThat(forwarders.contains(ip("2001:db8::25"))).isTrue();
        assertThat(forwarders.contains(ip("203.0.113.6"))).isFalse();
    }

    @Test
    void aHostNameThatCannotBeLookedUpTrustsNoOne() throws Exception {
        dns.failing("gateway.example.test");
        TrustedForwarders forwarders = of("gateway.example.test", "unknown.example.test");
        assertThat(forwarders.contains(ip("203.0.113.5"))).isFalse();
        assertThat(of().isEmpty()).isTrue();
    }

    @Test
    void anEntryThatIsNeitherANetworkNorAHostNameIsRefusedByName() {
        for (String bad : new String[] { "192.0.2.0/33", "300.1.1.1", "not a host", "host_name.test", "" }) {
            assertThatThrownBy(() -> of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.isEmpty() ? "" : bad.split("/")[0]);
        }
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }
}

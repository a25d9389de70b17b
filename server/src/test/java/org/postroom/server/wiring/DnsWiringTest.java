package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.server.config.DeliveryProperties;
import org.postroom.server.config.DnsProperties;
import org.postroom.smtp.outbound.TlsMode;
import org.postroom.testing.LogCapture;

/** One resolver for every lookup: postroom.dns.servers, and the old postroom.delivery.dns-servers with a warning. */
class DnsWiringTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void theResolversOfPostroomDnsServersServeEveryLookup() {
        assertThat(DnsWiring.servers(dns("127.0.0.53"), delivery())).containsExactly(address("127.0.0.53"));
        assertThat(warnings()).isEmpty();
    }

    @Test
    void theOldDeliveryPropertyStillWorksWithAWarningNamingTheNewOne() {
        assertThat(DnsWiring.servers(dns(), delivery("10.0.0.53"))).containsExactly(address("10.0.0.53"));
        assertThat(warnings()).singleElement().asString().contains("postroom.delivery.dns-servers")
                .contains("postroom.dns.servers");
    }

    @Test
    void whenBothAreSetTheNewOneWinsAndTheOldOneIsNamedAsIgnored() {
        assertThat(DnsWiring.servers(dns("127.0.0.53"), delivery("10.0.0.53"))).containsExactly(address("127.0.0.53"));
        assertThat(warnings()).singleElement().asString().contains("postroom.delivery.dns-servers is ignored");
    }

    private List<String> warnings() {
        return log.messages(DnsWiring.class.getName());
    }

    private static DnsProperties dns(String... servers) {
        return new DnsProperties(List.of(servers), Duration.ofSeconds(5), Duration.ofHours(1));
    }

    private static DeliveryProperties delivery(String... servers) {
        return new DeliveryProperties(8, null, null, null, TlsMode.OPPORTUNISTIC, null, Map.of(), List.of(servers),
                Duration.ofDays(5), List.of(Duration.ofMinutes(1)), Duration.ofHours(4), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofSeconds(10));
    }

    private static InetSocketAddress address(String ip) {
        return new InetSocketAddress(ip, 53);
    }
}

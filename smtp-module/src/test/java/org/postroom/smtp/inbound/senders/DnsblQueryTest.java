package org.postroom.smtp.inbound.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** The question a DNS blocklist is asked (RFC 5782 §2.1 for IPv4, §2.4 for IPv6). */
class DnsblQueryTest {

    @Test
    void anIpv4AddressIsAskedWithItsOctetsReversed() throws Exception {
        assertThat(Dnsbl.queryName(InetAddress.getByName("192.0.2.10"), Dnsbl.zone("zen.bl.test")))
                .isEqualTo("10.2.0.192.zen.bl.test.");
    }

    @Test
    void anIpv6AddressIsAskedWithItsNibblesReversed() throws Exception {
        assertThat(Dnsbl.queryName(InetAddress.getByName("2001:db8::1"), Dnsbl.zone("zen.bl.test.")))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.bl.test.");
    }

    @Test
    void aZoneMustBeADomainName() {
        for (String bad : new String[] { "", "localhost", "bl test", "-bl.test", "bl..test", "bl.test/24" }) {
            assertThatThrownBy(() -> Dnsbl.zone(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a DNS zone");
        }
    }
}

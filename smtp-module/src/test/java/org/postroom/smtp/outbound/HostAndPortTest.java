package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostAndPortTest {

    @Test
    void hostPortHostAloneAndBracketedIpv6AreUnderstood() {
        assertThat(HostAndPort.parse("smtp.relay.example:587", 25)).isEqualTo(new HostAndPort("smtp.relay.example", 587));
        assertThat(HostAndPort.parse("smtp.relay.example", 25)).isEqualTo(new HostAndPort("smtp.relay.example", 25));
        assertThat(HostAndPort.parse("[2001:db8::1]:2525", 25)).isEqualTo(new HostAndPort("2001:db8::1", 2525));
        assertThat(HostAndPort.parse("2001:db8::1", 25)).isEqualTo(new HostAndPort("2001:db8::1", 25));
        assertThat(new HostAndPort("2001:db8::1", 25)).hasToString("[2001:db8::1]:25");
    }

    @Test
    void nonsenseIsRefusedWithAReason() {
        assertThatThrownBy(() -> HostAndPort.parse("relay:smtp", 25)).hasMessageContaining("not a port");
        assertThatThrownBy(() -> HostAndPort.parse("relay:70000", 25)).hasMessageContaining("not a port");
        assertThatThrownBy(() -> HostAndPort.parse(":25", 25)).hasMessageContaining("not a host");
        assertThatThrownBy(() -> HostAndPort.parse("smtp://relay", 25)).hasMessageContaining("not a port");
    }
}

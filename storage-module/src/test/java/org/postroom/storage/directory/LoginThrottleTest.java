package org.postroom.storage.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;

class LoginThrottleTest {

    private TestDatabase testDatabase;

    @BeforeEach
    void createDatabase() {
        testDatabase = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void theDelayGrowsWithFailuresAndTheIpIsBlockedAtTheLimit() throws Exception {
        LoginThrottle throttle = throttle(Duration.ofMinutes(5), List.of());
        InetAddress attacker = InetAddress.getByName("192.0.2.7");
        assertThat(throttle.isBlocked(attacker)).isFalse();
        assertThat(throttle.delayAfterFailure(attacker)).isEqualTo(Duration.ofMillis(100));
        assertThat(throttle.delayAfterFailure(attacker)).isEqualTo(Duration.ofMillis(200));
        assertThat(throttle.isBlocked(attacker)).isFalse();
        assertThat(throttle.delayAfterFailure(attacker)).isEqualTo(Duration.ofMillis(300));
        assertThat(throttle.isBlocked(attacker)).isTrue();
        assertThat(throttle.isBlocked(InetAddress.getByName("192.0.2.8"))).isFalse();
    }

    @Test
    void theCountIsSharedByEveryProcessOnTheDatabase() throws Exception {
        InetAddress attacker = InetAddress.getByName("2001:db8::1");
        LoginThrottle smtp = throttle(Duration.ofMinutes(5), List.of());
        LoginThrottle pop3 = throttle(Duration.ofMinutes(5), List.of());
        smtp.delayAfterFailure(attacker);
        smtp.delayAfterFailure(attacker);
        pop3.delayAfterFailure(attacker);
        assertThat(smtp.isBlocked(attacker)).isTrue();
    }

    @Test
    void failuresOutsideTheWindowNoLongerCount() throws Exception {
        LoginThrottle throttle = throttle(Duration.ofSeconds(1), List.of());
        InetAddress ip = InetAddress.getByName("192.0.2.9");
        for (int i = 0; i < 3; i++) {
            throttle.delayAfterFailure(ip);
        }
        assertThat(throttle.isBlocked(ip)).isTrue();
        Thread.sleep(1200);
        assertThat(throttle.isBlocked(ip)).isFalse();
    }

    @Test
    void exemptNetworksAreNeverDelayedNorBlocked() throws Exception {
        LoginThrottle throttle = throttle(Duration.ofMinutes(5), List.of(NetworkRange.parse("10.1.0.0/16")));
        InetAddress office = InetAddress.getByName("10.1.200.3");
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.delayAfterFailure(office)).isZero();
        }
        assertThat(throttle.isBlocked(office)).isFalse();
    }

    @Test
    void networkRangesParseAndMatchIpv4AndIpv6() throws Exception {
        assertThat(NetworkRange.parse("192.0.2.0/25").contains(InetAddress.getByName("192.0.2.127"))).isTrue();
        assertThat(NetworkRange.parse("192.0.2.0/25").contains(InetAddress.getByName("192.0.2.128"))).isFalse();
        assertThat(NetworkRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(NetworkRange.parse("2001:db8::/32").contains(InetAddress.getByName("192.0.2.1"))).isFalse();
        assertThat(NetworkRange.parse("192.0.2.1").contains(InetAddress.getByName("192.0.2.1"))).isTrue();
        assertThat(NetworkRange.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.5"))).isTrue();
        for (String bad : List.of("192.0.2.0/33", "mail.example.com", "10.0.0.0/x", "")) {
            assertThatThrownBy(() -> NetworkRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private LoginThrottle throttle(Duration window, List<NetworkRange> exempt) {
        return new LoginThrottle(testDatabase.database(), 3, window, Duration.ofMillis(100), exempt);
    }
}

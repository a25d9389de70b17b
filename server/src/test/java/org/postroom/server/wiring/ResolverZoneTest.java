package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.domain.ZoneAnswer;
import org.postroom.smtp.testing.TestDnsServer;

/** The console's view of DNS over the server's resolver, against a DNS server on loopback. */
class ResolverZoneTest {

    private TestDnsServer dns;
    private ResolverZone zone;

    @BeforeEach
    void start() throws Exception {
        dns = new TestDnsServer();
        zone = new ResolverZone(dns.dnsResolver(Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void recordsComeAsAZoneFileWritesTheirDataTxtJoinedAndUnquoted() throws Exception {
        dns.mx("zone.example", 10, "mail.zone.example").txt("zone.example", List.of("v=spf1 ", "mx -all"))
                .cname("autoconfig.zone.example", "mail.zone.example").a("mail.zone.example", "192.0.2.1")
                .aaaa("mail.zone.example", "2001:db8::1").ptr("192.0.2.1", "mail.zone.example")
                .srv("_pop3s._tcp.zone.example", 0, 1, 995, "mail.zone.example");

        assertThat(values("MX", "zone.example")).containsExactly("10 mail.zone.example.");
        assertThat(values("TXT", "zone.example")).containsExactly("v=spf1 mx -all");
        assertThat(values("CNAME", "autoconfig.zone.example")).containsExactly("mail.zone.example.");
        assertThat(values("A", "mail.zone.example")).containsExactly("192.0.2.1");
        assertThat(values("AAAA", "mail.zone.example")).hasSize(1);
        assertThat(values("PTR", "1.2.0.192.in-addr.arpa")).containsExactly("mail.zone.example.");
        assertThat(values("SRV", "_pop3s._tcp.zone.example")).containsExactly("0 1 995 mail.zone.example.");
    }

    @Test
    void noRecordsOfTheTypeAndNoSuchNameAreNothingAndSERVFAILIsAFailure() throws Exception {
        dns.a("mail.zone.example", "192.0.2.1").failing("broken.example");

        assertThat(answer("CNAME", "mail.zone.example")).isInstanceOf(ZoneAnswer.Nothing.class);
        assertThat(answer("A", "unknown.zone.example")).isInstanceOf(ZoneAnswer.Nothing.class);
        assertThat(answer("MX", "broken.example")).isInstanceOfSatisfying(ZoneAnswer.Failed.class,
                failed -> assertThat(failed.reason()).contains("SERVFAIL"));
    }

    private List<String> values(String type, String name) {
        ZoneAnswer answer = answer(type, name);
        assertThat(answer).as(type + " " + name).isInstanceOf(ZoneAnswer.Records.class);
        return ((ZoneAnswer.Records) answer).values();
    }

    private ZoneAnswer answer(String type, String name) {
        return zone.lookup(type, name).toCompletableFuture().join();
    }
}

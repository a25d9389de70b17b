package org.postroom.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;

/**
 * Which names the certificate must cover, against the real database and a DNS server on loopback.
 * An IT, not a unit test: it starts the test PostgreSQL, which in the unit tests' JVM would take
 * the place where EmbeddedDatabaseTest expects its own PostgreSQL binaries.
 */
class CertificateNamesIT {

    private final TestDatabase database = TestDatabase.create();
    private final DomainRepository domains = new DomainRepository(database.database(), "postroom");

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theHostNameAndTheDomainsNamesThatResolveHereAreWanted() throws Exception {
        domains.create("example.com");
        domains.create("elsewhere.example");
        try (TestDnsServer dns = new TestDnsServer()) {
            dns.a("mail.example.com", "198.51.100.7").aaaa("mail.example.com", "2001:db8::7")
                    .a("autoconfig.example.com", "198.51.100.7")
                    // served by another host: a CA would fail the whole order on it
                    .a("autodiscover.example.com", "203.0.113.9")
                    .aaaa("mta-sts.example.com", "2001:db8::7")
                    .a("autoconfig.elsewhere.example", "203.0.113.9");
            CertificateNames names = new CertificateNames("Mail.Example.com", domains, dns.dnsResolver());

            assertThat(names.wanted()).containsExactly("mail.example.com", "autoconfig.example.com",
                    "mta-sts.example.com");
        }
    }

    @Test
    void theHostNameIsWantedEvenWhenNothingResolves() throws Exception {
        domains.create("example.com");
        try (TestDnsServer dns = new TestDnsServer()) {
            assertThat(new CertificateNames("mail.example.com", domains, dns.dnsResolver()).wanted())
                    .containsExactly("mail.example.com");
        }
    }
}

package org.postroom.smtp.inbound.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7489 §3.2 with the Public Suffix List in Guava. */
class OrganizationalDomainTest {

    @Test
    void theOrganisationalDomainIsThePublicSuffixAndOneLabel() {
        assertThat(OrganizationalDomain.of("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("mail.Example.COM")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("example.com")).isEqualTo("example.com");
        // the private section counts, as RFC 7489 reads the list
        assertThat(OrganizationalDomain.of("a.someone.github.io")).isEqualTo("someone.github.io");
        assertThat(OrganizationalDomain.of("mail.xn--bcher-kva.de")).isEqualTo("xn--bcher-kva.de");
    }

    @Test
    void aNameUnderNoListedSuffixFallsToTheDefaultRule() {
        assertThat(OrganizationalDomain.of("a.b.elsewhere.test")).isEqualTo("elsewhere.test");
        assertThat(OrganizationalDomain.of("host.example.unknowntld")).isEqualTo("example.unknowntld");
        assertThat(OrganizationalDomain.of("localhost")).isEqualTo("localhost");
        assertThat(OrganizationalDomain.of("co.uk")).isEqualTo("co.uk");
    }

    @Test
    void relaxedAlignmentComparesOrganisationalDomains() {
        assertThat(OrganizationalDomain.relaxedAligned("mail.example.org", "example.org")).isTrue();
        assertThat(OrganizationalDomain.relaxedAligned("example.org", "news.example.org")).isTrue();
        assertThat(OrganizationalDomain.relaxedAligned("example.org.evil.test", "example.org")).isFalse();
        assertThat(OrganizationalDomain.relaxedAligned("a.example.co.uk", "b.other.co.uk")).isFalse();
    }
}

package org.postroom.server.config;

import java.util.List;

import org.postroom.smtp.inbound.senders.Dnsbl;
import org.postroom.smtp.inbound.senders.TrustedForwarders;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How port 25 judges senders beyond their own authentication.
 *
 * @param dnsbl the DNS blocklists of clients' addresses
 * @param trustedForwarders servers that forward mail on others' behalf (mailing lists, the
 *        company's gateway), whose DMARC failures are delivered with the verdict rather than refused
 *        or held: IP addresses, CIDR networks or host names (a host name stands for its A and AAAA
 *        records, looked up through the server's resolver as they are needed); empty by default
 */
@ConfigurationProperties("postroom.antispam")
public record AntispamProperties(@DefaultValue DnsblProperties dnsbl, @DefaultValue List<String> trustedForwarders) {

    public AntispamProperties {
        trustedForwarders = List.copyOf(trustedForwarders);
        try {
            TrustedForwarders.of(trustedForwarders, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("postroom.antispam.trusted-forwarders: " + e.getMessage(), e);
        }
    }

    /**
     * @param zones the DNS zones of the blocklists to ask (e.g. {@code zen.spamhaus.org}), in order;
     *        empty by default: a public list may refuse queries from big public resolvers (it then
     *        answers 127.255.255.x, which Postroom never takes for a listing) and some need a
     *        subscription above a volume, so an operator picks lists knowingly, with a resolver of
     *        their own ({@code postroom.dns.servers})
     */
    public record DnsblProperties(@DefaultValue List<String> zones) {

        public DnsblProperties {
            zones = List.copyOf(zones);
            try {
                zones.forEach(Dnsbl::zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("postroom.antispam.dnsbl.zones: " + e.getMessage(), e);
            }
        }
    }
}

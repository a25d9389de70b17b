package org.postroom.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.postroom.smtp.outbound.HostAndPort;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The server's one DNS resolver, for every lookup: MX and addresses for outbound delivery, SPF,
 * DKIM keys and DMARC policies for the checks of received mail.
 *
 * @param servers resolvers ({@code IP} or {@code IP:port}); empty: the system's (/etc/resolv.conf).
 *        The old {@code postroom.delivery.dns-servers} is read when this is empty, with a warning
 * @param timeout how long one server is given to answer one question (1s to 60s)
 * @param checkInterval how often the records of every domain are looked up in the background for the
 *        dashboard's warning about missing ones (1 minute to 1 day)
 */
@ConfigurationProperties("postroom.dns")
@Validated
public record DnsProperties(@DefaultValue List<String> servers,
        @DefaultValue("5s") @DurationMin(seconds = 1, message = "must be between 1s and 60s")
        @DurationMax(seconds = 60, message = "must be between 1s and 60s") Duration timeout,
        @DefaultValue("1h") @DurationMin(minutes = 1, message = "must be between 1m and 1d")
        @DurationMax(days = 1, message = "must be between 1m and 1d") Duration checkInterval) {

    public DnsProperties {
        servers = List.copyOf(servers);
        addresses("postroom.dns.servers", servers);
    }

    public List<InetSocketAddress> resolvers() {
        return addresses("postroom.dns.servers", servers);
    }

    /** {@code servers}, the value of {@code property}, as socket addresses (port 53 unless given). */
    static List<InetSocketAddress> addresses(String property, List<String> servers) {
        return servers.stream().map(server -> {
            try {
                HostAndPort address = HostAndPort.parse(server, 53);
                if (!address.host().matches("[0-9.]+|[0-9a-fA-F:]+")) {
                    throw new IllegalArgumentException("a DNS server must be an IP address, not '" + server + "'");
                }
                return new InetSocketAddress(InetAddress.getByName(address.host()), address.port());
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
            }
        }).toList();
    }
}

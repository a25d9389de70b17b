package org.postroom.server.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hibernate.validator.constraints.time.DurationMin;
import org.postroom.smtp.SmtpStandard;
import org.postroom.smtp.outbound.HostAndPort;
import org.postroom.smtp.outbound.RelayHost;
import org.postroom.smtp.outbound.RetrySchedule;
import org.postroom.smtp.outbound.TlsMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * Outbound delivery: workers, next hops, retries and timeouts.
 *
 * @param workers deliveries running at once in this process (0: this process delivers nothing)
 * @param relayHost smart host {@code host:port} for all mail without a route; unset: straight to the MX hosts
 * @param relayUsername AUTH user at the relay host; unset: no AUTH
 * @param relayPassword AUTH password at the relay host
 * @param relayTls {@code opportunistic} (STARTTLS when offered), {@code starttls} (required and
 *        verified), {@code implicit} (TLS from the start, verified, port 465) or {@code none}; with
 *        a login, {@code opportunistic} means {@code starttls} ({@code implicit} on port 465) and
 *        {@code none} is refused, so the password only ever crosses verified TLS
 * @param relayTrustFile PEM certificates (e.g. a company CA's) trusted for the relay host besides the
 *        JDK's trust store; unset: the JDK's alone
 * @param routes per-domain next hop {@code host:port}, like a transport map; wins over the relay host
 * @param dnsServers deprecated: {@code postroom.dns.servers} serves every lookup; read, with a warning,
 *        only when that is empty
 * @param maxAge how long an entry is retried before it bounces
 * @param retrySchedule the waits after the 1st, 2nd, ... failed attempt; the last one repeats
 * @param delayWarning age at which the sender is told once that delivery is delayed; 0: never
 * @param connectTimeout for each connection to a remote server
 * @param readTimeout for each reply of a remote server, including the one after the data
 * @param lease how long a claimed entry is held for its worker; must outlast one attempt, since a
 *        worker that is gone longer than this is taken for dead and its entries are claimed again
 * @param pollInterval how often idle workers look for entries whose retry time came (new entries
 *        wake them at once)
 */
@ConfigurationProperties("postroom.delivery")
@Validated
public record DeliveryProperties(@DefaultValue("8") @Min(0) int workers, String relayHost, String relayUsername,
        String relayPassword, @DefaultValue("opportunistic") TlsMode relayTls, Path relayTrustFile,
        @DefaultValue Map<String, String> routes,
        @DefaultValue List<String> dnsServers, @DefaultValue("5d") Duration maxAge,
        @DefaultValue({ "1m", "5m", "15m", "30m", "1h", "2h" }) List<Duration> retrySchedule,
        @DefaultValue("4h") @DurationMin(nanos = 0) Duration delayWarning,
        @DefaultValue("30s") @DurationMin(nanos = 0, inclusive = false) Duration connectTimeout,
        @DefaultValue("5m") @DurationMin(nanos = 0, inclusive = false) Duration readTimeout,
        @DefaultValue("15m") @DurationMin(nanos = 0, inclusive = false) Duration lease,
        @DefaultValue("10s") @DurationMin(nanos = 0, inclusive = false) Duration pollInterval) {

    public DeliveryProperties {
        routes = Map.copyOf(routes);
        dnsServers = List.copyOf(dnsServers);
        retrySchedule = List.copyOf(retrySchedule);
        relayTrustFile = TrustFile.orNull(relayTrustFile);
        relay(relayHost, relayTls, relayUsername, relayPassword, relayTrustFile);
        routeMap(routes);
        resolvers(dnsServers);
        retries(retrySchedule, maxAge);
        if (lease.compareTo(readTimeout) <= 0) {
            throw new IllegalArgumentException("postroom.delivery.lease (" + lease
                    + ") must be longer than postroom.delivery.read-timeout (" + readTimeout + ")");
        }
    }

    /** The relay host, or null when mail goes straight to the recipients' MX hosts. */
    public RelayHost relay() {
        return relay(relayHost, relayTls, relayUsername, relayPassword, relayTrustFile);
    }

    /** The routes by domain. */
    public Map<String, HostAndPort> routeMap() {
        return routeMap(routes);
    }

    /** The resolvers of the deprecated {@code postroom.delivery.dns-servers}; see {@link DnsProperties}. */
    public List<InetSocketAddress> resolvers() {
        return resolvers(dnsServers);
    }

    public RetrySchedule retries() {
        return retries(retrySchedule, maxAge);
    }

    private static RelayHost relay(String host, TlsMode tls, String username, String password, Path trustFile) {
        boolean hasHost = host != null && !host.isBlank();
        boolean hasUser = username != null && !username.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (!hasHost) {
            String orphan = hasUser ? "relay-username" : hasPassword ? "relay-password"
                    : trustFile != null ? "relay-trust-file" : null;
            if (orphan != null) {
                throw new IllegalArgumentException("postroom.delivery." + orphan
                        + " is set but postroom.delivery.relay-host is not");
            }
            return null;
        }
        if (!hasUser && hasPassword) {
            throw new IllegalArgumentException("postroom.delivery.relay-password is set but postroom.delivery.relay-username is not");
        }
        if (hasUser && tls == TlsMode.NONE) {
            throw new IllegalArgumentException("postroom.delivery.relay-tls=none would send the password of"
                    + " postroom.delivery.relay-username in clear: use starttls or implicit (with"
                    + " postroom.delivery.relay-trust-file for a private CA), or leave relay-tls unset");
        }
        if (trustFile != null && !hasUser && !tls.verified()) {
            throw new IllegalArgumentException("postroom.delivery.relay-trust-file is only used to verify the relay"
                    + " host's certificate, which postroom.delivery.relay-tls=" + tls.name().toLowerCase(Locale.ROOT)
                    + " does not do: use starttls or implicit");
        }
        HostAndPort address;
        try {
            address = HostAndPort.parse(host, tls == TlsMode.IMPLICIT ? SmtpStandard.SUBMISSIONS_PORT : SmtpStandard.MX_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("postroom.delivery.relay-host: " + e.getMessage(), e);
        }
        return new RelayHost(address, tls, hasUser ? username : "", password,
                TrustFile.read("postroom.delivery.relay-trust-file", trustFile));
    }

    private static Map<String, HostAndPort> routeMap(Map<String, String> routes) {
        Map<String, HostAndPort> parsed = new LinkedHashMap<>();
        routes.forEach((domain, hop) -> {
            try {
                parsed.put(domain, HostAndPort.parse(hop, SmtpStandard.MX_PORT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("postroom.delivery.routes." + domain + ": " + e.getMessage(), e);
            }
        });
        return parsed;
    }

    private static List<InetSocketAddress> resolvers(List<String> servers) {
        return DnsProperties.addresses("postroom.delivery.dns-servers", servers);
    }

    private static RetrySchedule retries(List<Duration> schedule, Duration maxAge) {
        try {
            return new RetrySchedule(schedule, maxAge);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("postroom.delivery.retry-schedule / max-age: " + e.getMessage(), e);
        }
    }
}

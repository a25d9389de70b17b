package org.postroom.smtp.outbound.mtasts;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.postroom.smtp.dns.DnsAnswer;
import org.postroom.smtp.dns.DnsAnswer.Found;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.DomainName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Type;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The MTA-STS policies of recipient domains (RFC 8461 §3, §5.1), kept in this process (ADR 0012).
 * A domain's policy is looked for in its {@code _mta-sts} TXT record (exactly one {@code v=STSv1}
 * record with an {@code id}); it is fetched when there is none kept yet or the id differs from the
 * kept one's, and kept for its {@code max_age}. A kept policy stays in force when the record is
 * gone, when DNS fails and when a fetch fails: an attacker who can block DNS or HTTPS must not be
 * able to turn enforcement off. Once half of its {@code max_age} has passed, the next use fetches
 * it again in the background (through {@code refresher}), so a domain that gets mail keeps its
 * policy without a gap. Each fetch and each failure is one INFO line.
 */
public final class MtaStsPolicies {

    private static final Logger log = LoggerFactory.getLogger(MtaStsPolicies.class);

    static final int MAX_DOMAINS = 10_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");

    private final DnsResolver dns;
    private final PolicyFetcher fetcher;
    private final Clock clock;
    private final Executor refresher;
    private final Cache<String, Kept> kept;
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    /** A policy as fetched under the record's {@code id}, due for a refresh at {@code refreshAt}. */
    private record Kept(String id, MtaStsPolicy policy, Instant refreshAt) {
    }

    /**
     * Policies found through {@code dns}, their hosts' addresses through {@code addresses}, fetched
     * over TLS that trusts {@code trust} on {@code httpsPort} (443 but in tests), each connection
     * and read within {@code timeout}; background refreshes run on {@code refresher}.
     */
    public MtaStsPolicies(DnsResolver dns, Function<String, List<InetAddress>> addresses, SSLContext trust,
            int httpsPort, Duration timeout, Clock clock, Executor refresher) {
        this.dns = dns;
        this.fetcher = new PolicyFetcher(addresses, trust, httpsPort, timeout);
        this.clock = clock;
        this.refresher = refresher;
        // max_age by the same clock as the refreshes
        this.kept = Caffeine.newBuilder().maximumSize(MAX_DOMAINS).ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, Kept>writing((domain, policy) -> policy.policy().maxAge())).build();
    }

    /**
     * The policy of {@code domain} that is in force now, empty when it has none (or none could be
     * fetched and none is kept). A policy in mode none is returned as such.
     */
    public Optional<MtaStsPolicy> policyFor(String domain) {
        String name = DomainName.canonical(domain);
        Kept before = kept.getIfPresent(name);
        Optional<String> id = recordId(name);
        if (id.isPresent() && (before == null || !before.id().equals(id.get()))) {
            return Optional.ofNullable(fetch(name, id.get(), before)).map(Kept::policy);
        }
        if (before == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(before.refreshAt()) && refreshing.add(name)) {
            refresher.execute(() -> {
                try {
                    fetch(name, id.orElse(before.id()), before);
                } finally {
                    refreshing.remove(name);
                }
            });
        }
        return Optional.of(before.policy());
    }

    /** Fetches and keeps the policy; on failure keeps {@code before} (null: none) and returns it. */
    private Kept fetch(String domain, String id, Kept before) {
        try {
            MtaStsPolicy policy = MtaStsPolicy.parse(fetcher.fetch(domain));
            Kept now = new Kept(id, policy, clock.instant().plus(policy.maxAge().dividedBy(2)));
            kept.put(domain, now);
            log.info("mta-sts policy of {} fetched: id={} mode={} mx={} max_age={}", domain, id,
                    policy.mode().name().toLowerCase(Locale.ROOT), policy.mx(), policy.maxAge().toSeconds());
            return now;
        } catch (IOException | IllegalArgumentException e) {
            log.info("mta-sts policy of {} not fetched (id={}): {}; {}", domain, id, Printable.text(String.valueOf(
                    e.getMessage())), before == null ? "no policy in force" : "the kept policy id=" + before.id() + " stays");
            return before;
        }
    }

    /** The {@code id} of the one {@code v=STSv1} record at {@code _mta-sts.<domain>} (§3.1); empty when there is not exactly one valid one or DNS failed. */
    private Optional<String> recordId(String domain) {
        DnsAnswer answer = dns.lookup("_mta-sts." + domain, Type.TXT);
        if (!(answer instanceof Found found)) {
            return Optional.empty();
        }
        List<String> records = found.texts().stream().filter(t -> t.startsWith("v=STSv1;"))
                .toList();
        if (records.size() != 1) {
            return Optional.empty();
        }
        String id = null;
        for (String field : records.get(0).split(";")) {
            String trimmed = field.strip();
            if (trimmed.startsWith("id=")) {
                id = trimmed.substring(3);
            }
        }
        return id != null && ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}

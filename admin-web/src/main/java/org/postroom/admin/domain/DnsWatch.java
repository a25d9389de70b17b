package org.postroom.admin.domain;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.postroom.storage.Printable;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The records each domain lacks in DNS, as last checked in the background, so that the dashboard
 * shows them without waiting for a lookup. The server runs {@link #refresh} every {@code
 * postroom.dns.check-interval}; until the first run ends nothing is reported.
 */
@Component
public class DnsWatch {

    private static final Logger log = LoggerFactory.getLogger(DnsWatch.class);

    private final DomainRepository domains;
    private final DnsCheck check;
    private volatile Map<String, List<String>> missing = Map.of();

    DnsWatch(DomainRepository domains, DnsCheck check) {
        this.domains = domains;
        this.check = check;
    }

    /** Checks every domain now and replaces what {@link #missing} reports. Blocks while DNS answers. */
    public void refresh() {
        Map<String, List<String>> lacking = new TreeMap<>();
        List<Domain> all = domains.list();
        for (Domain domain : all) {
            List<String> names = check.check(domain).stream()
                    .filter(record -> record.state() == RecordState.MISSING)
                    .map(record -> record.record().type() + " " + record.record().name()).toList();
            if (!names.isEmpty()) {
                lacking.put(domain.name(), names);
            }
        }
        missing = Collections.unmodifiableMap(lacking);
        log.info("dns: checked {} domains, {} lack records{}", all.size(), lacking.size(),
                lacking.isEmpty() ? "" : ": " + Printable.text(String.join(", ", lacking.keySet())));
    }

    /** Each domain that lacks records, with those records ({@code TYPE name}), by domain name. */
    public Map<String, List<String>> missing() {
        return missing;
    }
}

package org.postroom.server.wiring;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.postroom.admin.domain.Zone;
import org.postroom.admin.domain.ZoneAnswer;
import org.postroom.smtp.dns.DnsAnswer;
import org.postroom.smtp.dns.DnsResolver;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The console's view of DNS ({@link Zone}) over the server's one resolver, so that the records the
 * console checks are asked through {@code postroom.dns.servers} and cached with every other lookup.
 */
final class ResolverZone implements Zone {

    private final DnsResolver dns;

    ResolverZone(DnsResolver dns) {
        this.dns = dns;
    }

    @Override
    public CompletionStage<ZoneAnswer> lookup(String type, String name) {
        int code = Type.value(type);
        if (code < 0) {
            throw new IllegalArgumentException("no DNS type " + type);
        }
        return dns.lookupAsync(name, code).thenApply(answer -> {
            if (answer instanceof DnsAnswer.Failed failed) {
                return new ZoneAnswer.Failed(failed.reason());
            }
            if (!(answer instanceof DnsAnswer.Found found)) {
                return new ZoneAnswer.Nothing();
            }
            // TXT byte for byte, not in dnsjava's quoted and escaped text form
            List<String> values = code == Type.TXT ? found.texts()
                    : found.records().stream().filter(record -> record.getType() == code).map(Record::rdataToString)
                            .toList();
            return values.isEmpty() ? new ZoneAnswer.Nothing() : new ZoneAnswer.Records(values);
        });
    }
}

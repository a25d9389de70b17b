package org.postroom.admin.domain;

import java.util.concurrent.CompletionStage;

/**
 * What DNS publishes, asked through the server's one resolver and its cache. Implemented by the
 * server module over the resolver the protocol modules use ({@code postroom.dns.servers}), so that
 * admin-web knows no DNS library and no second resolver exists.
 */
public interface Zone {

    /**
     * The records of {@code type} (MX, TXT, CNAME, A, AAAA, SRV, PTR) at {@code name}, an absolute
     * name without its final dot. The stage completes with a {@link ZoneAnswer}, never
     * exceptionally, within the resolver's timeout; chained stages must not block.
     */
    CompletionStage<ZoneAnswer> lookup(String type, String name);
}

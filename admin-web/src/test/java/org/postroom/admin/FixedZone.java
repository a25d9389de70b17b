package org.postroom.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.postroom.admin.domain.Zone;
import org.postroom.admin.domain.ZoneAnswer;

/**
 * DNS as the admin-web tests publish it: records a test adds, nothing for any other name. (The
 * server's tests check the real resolver against a DNS server on loopback.)
 */
public final class FixedZone implements Zone {

    private final Map<String, List<String>> records = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<ZoneAnswer> lookup(String type, String name) {
        List<String> values = records.get(key(type, name));
        return CompletableFuture.completedFuture(values == null ? new ZoneAnswer.Nothing() : new ZoneAnswer.Records(values));
    }

    /** Publishes {@code values} as the records of {@code type} at {@code name}, replacing those before. */
    public void publish(String type, String name, String... values) {
        records.put(key(type, name), List.of(values));
    }

    public void clear() {
        records.clear();
    }

    private static String key(String type, String name) {
        return type + " " + name.toLowerCase(Locale.ROOT);
    }
}

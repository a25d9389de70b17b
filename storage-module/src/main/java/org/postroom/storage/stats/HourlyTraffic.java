package org.postroom.storage.stats;

import java.time.Instant;

/** Messages taken in and deliveries out during the hour starting at {@code hour}. */
public record HourlyTraffic(Instant hour, long received, long delivered) {
}

package org.postroom.admin.settings;

import java.time.Instant;

/**
 * How the built-in ACME client fares, for the settings page.
 *
 * @param directory the CA's directory URL
 * @param lastAttempt when the last order ended; null before the first
 * @param lastError why the last order failed; null when it succeeded or none ended yet
 * @param failures failed orders in a row
 * @param retryAt no order starts before this while orders fail; null before the first attempt
 */
public record CertificateRenewal(String directory, Instant lastAttempt, String lastError, int failures,
        Instant retryAt) {
}

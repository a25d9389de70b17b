package org.postroom.storage.acme;

import java.time.Instant;

/**
 * How ordering the certificate went last.
 *
 * @param failures failed attempts since the last success (0 after a success)
 * @param lastError what the last failed attempt reported; null after a success
 * @param attemptedAt when the last attempt ended
 * @param retryAt no process starts another attempt before this
 */
public record RenewalState(int failures, String lastError, Instant attemptedAt, Instant retryAt) {
}

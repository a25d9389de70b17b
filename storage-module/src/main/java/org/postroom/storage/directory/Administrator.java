package org.postroom.storage.directory;

import java.time.Instant;

/**
 * An administrator as the console lists them: never the password hash. {@code twoFactorEnrolled}
 * says whether they have a second factor, {@code twoFactorRequired} whether they must have one
 * (their own rule; the server's rule for all administrators comes on top).
 */
public record Administrator(String username, AdministratorScope scope, boolean mustChangePassword,
        boolean twoFactorRequired, boolean twoFactorEnrolled, Instant createdAt) {
}

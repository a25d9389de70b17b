package org.postroom.storage.directory;

import java.time.Instant;

/**
 * One of a user's app passwords as their account page shows it: never the password or its hash.
 * {@code lastUsedAt} and {@code lastUsedFrom} (the client's IP address) are null until a mail
 * program first logs in with it; they follow its logins to within a minute.
 */
public record AppPassword(long id, String name, Instant createdAt, Instant lastUsedAt, String lastUsedFrom) {
}

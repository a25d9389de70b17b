package org.postroom.storage.directory;

/**
 * Changes to one user that {@link UserRepository#update} makes together: a null field stays as it
 * is.
 *
 * @param password a new password (its strength is checked before anything is written)
 * @param quota a new quota
 * @param enabled false: the user can neither log in nor receive mail; their stored mail stays
 * @param quarantineDigest whether the user gets the daily quarantine digest
 */
public record UserUpdate(String password, Quota quota, Boolean enabled, Boolean quarantineDigest) {

    /** A new quota in bytes; {@code bytes} null removes the limit. */
    public record Quota(Long bytes) {
    }

    public static UserUpdate password(String password) {
        return new UserUpdate(password, null, null, null);
    }

    public static UserUpdate quota(Long bytes) {
        return new UserUpdate(null, new Quota(bytes), null, null);
    }

    public static UserUpdate enabled(boolean enabled) {
        return new UserUpdate(null, null, enabled, null);
    }

    public static UserUpdate quarantineDigest(boolean on) {
        return new UserUpdate(null, null, null, on);
    }
}

package org.postroom.storage.directory;

/**
 * Changes to one user that {@link UserRepository#update} makes together: a null field stays as it
 * is.
 *
 * @param password a new password (its strength is checked before anything is written)
 * @param quota a new quota
 * @param enabled false: the user can neither log in nor receive mail; their stored mail stays
 */
public record UserUpdate(String password, Quota quota, Boolean enabled) {

    /** A new quota in bytes; {@code bytes} null removes the limit. */
    public record Quota(Long bytes) {
    }

    public static UserUpdate password(String password) {
        return new UserUpdate(password, null, null);
    }

    public static UserUpdate quota(Long bytes) {
        return new UserUpdate(null, new Quota(bytes), null);
    }

    public static UserUpdate enabled(boolean enabled) {
        return new UserUpdate(null, null, enabled);
    }
}

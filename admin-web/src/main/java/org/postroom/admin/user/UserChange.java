package org.postroom.admin.user;

import java.util.Map;
import java.util.Set;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.Passwords;
import org.postroom.storage.directory.UserUpdate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/v1/users/{address}}, read as a JSON merge patch (RFC 7396): a
 * field that is absent stays as it is, and {@code "quotaBytes": null} removes the limit. Checked
 * whole before anything is changed, so a bad field changes nothing.
 */
@Schema(description = "Fields to change; absent fields stay. \"quotaBytes\": null removes the limit.")
public record UserChange(@Schema(description = "a new password") String password,
        @Schema(description = "the new quota in bytes, null for no limit", nullable = true) Long quotaBytes,
        @Schema(hidden = true) boolean quotaGiven,
        @Schema(description = "false: the user can neither log in nor receive mail") Boolean enabled,
        @Schema(description = "whether the user gets the daily quarantine digest") Boolean quarantineDigest) {

    private static final Set<String> FIELDS = Set.of("password", "quotaBytes", "enabled", "quarantineDigest");

    /** @throws InvalidInputException naming the first field that is unknown or of the wrong kind */
    public static UserChange from(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException("nothing to change: give password, quotaBytes, enabled or quarantineDigest");
        }
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException("unknown field " + field
                        + "; a user has password, quotaBytes, enabled and quarantineDigest");
            }
        }
        String password = null;
        if (body.containsKey("password")) {
            if (!(body.get("password") instanceof String given)) {
                throw new InvalidInputException("password must be a string");
            }
            Passwords.requireStrong(given);
            password = given;
        }
        Long quota = quota(body);
        return new UserChange(password, quota, body.containsKey("quotaBytes"), flag(body, "enabled"),
                flag(body, "quarantineDigest"));
    }

    /** The change as storage makes it, all fields together. */
    public UserUpdate toUpdate() {
        return new UserUpdate(password, quotaGiven ? new UserUpdate.Quota(quotaBytes) : null, enabled, quarantineDigest);
    }

    /** A true or false field; null when absent. */
    private static Boolean flag(Map<String, Object> body, String field) {
        if (!body.containsKey(field)) {
            return null;
        }
        if (!(body.get(field) instanceof Boolean given)) {
            throw new InvalidInputException(field + " must be true or false");
        }
        return given;
    }

    private static Long quota(Map<String, Object> body) {
        Object value = body.get("quotaBytes");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            throw new InvalidInputException("quotaBytes must be a whole number of bytes, at least 0, or null for no limit");
        }
        return ((Number) value).longValue();
    }
}

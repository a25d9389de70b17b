package org.postroom.admin.user;

import java.util.List;
import java.util.Map;

import org.postroom.admin.api.MergePatch;
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

    private static final List<String> FIELDS = List.of("password", "quotaBytes", "enabled", "quarantineDigest");

    /** @throws InvalidInputException naming the first field that is unknown or of the wrong kind */
    public static UserChange from(Map<String, Object> body) {
        MergePatch patch = MergePatch.of(body, "a user", FIELDS,
                "give password, quotaBytes, enabled or quarantineDigest");
        String password = patch.value("password", String.class, "a string");
        if (password != null) {
            Passwords.requireStrong(password);
        }
        Long quota = quota(patch.get("quotaBytes"));
        return new UserChange(password, quota, patch.has("quotaBytes"), patch.flag("enabled"),
                patch.flag("quarantineDigest"));
    }

    /** The change as storage makes it, all fields together. */
    public UserUpdate toUpdate() {
        return new UserUpdate(password, quotaGiven ? new UserUpdate.Quota(quotaBytes) : null, enabled, quarantineDigest);
    }

    private static Long quota(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            throw new InvalidInputException("quotaBytes must be a whole number of bytes, at least 0, or null for no limit");
        }
        return ((Number) value).longValue();
    }
}

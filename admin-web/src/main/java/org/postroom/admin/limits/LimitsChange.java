package org.postroom.admin.limits;

import java.util.List;
import java.util.Map;

import org.postroom.admin.api.MergePatch;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.limits.SendingLimits;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH .../limits}, read as a JSON merge patch (RFC 7396): a limit that is
 * absent stays as it is, {@code null} takes the next level's limit (the domain's, then the
 * server's). Checked whole before anything is changed.
 */
@Schema(description = "Limits to change; absent ones stay, null takes the domain's or the server's limit.")
public record LimitsChange(
        @Schema(description = "messages per clock hour, at least 1", nullable = true) Integer messagesPerHour,
        @Schema(description = "messages in the last 24 clock hours, at least 1", nullable = true) Integer messagesPerDay,
        @Schema(description = "recipients of one message, at least 1", nullable = true) Integer recipientsPerMessage,
        @Schema(description = "recipients in the last 24 clock hours, at least 1", nullable = true)
        Integer recipientsPerDay) {

    private static final List<String> FIELDS = List.of("messagesPerHour", "messagesPerDay", "recipientsPerMessage",
            "recipientsPerDay");

    /**
     * {@code current} with the limits {@code body} gives.
     *
     * @throws InvalidInputException naming the first field that is unknown or not a whole number of at least 1
     */
    static SendingLimits apply(Map<String, Object> body, SendingLimits current) {
        MergePatch patch = MergePatch.of(body, "the limits", FIELDS,
                "give messagesPerHour, messagesPerDay, recipientsPerMessage or recipientsPerDay");
        return new SendingLimits(given(patch, "messagesPerHour", current.messagesPerHour()),
                given(patch, "messagesPerDay", current.messagesPerDay()),
                given(patch, "recipientsPerMessage", current.recipientsPerMessage()),
                given(patch, "recipientsPerDay", current.recipientsPerDay()));
    }

    private static Integer given(MergePatch patch, String field, Integer current) {
        return patch.has(field) ? limit(field, patch.get(field)) : current;
    }

    private static Integer limit(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
                || ((Number) value).longValue() > Integer.MAX_VALUE) {
            throw new InvalidInputException(field + " must be a whole number of at least 1, or null for the next "
                    + "level's limit");
        }
        return ((Number) value).intValue();
    }
}

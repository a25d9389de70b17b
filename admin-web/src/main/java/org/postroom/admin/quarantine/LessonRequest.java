package org.postroom.admin.quarantine;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/v1/quarantine/{id}/learn}: what the spam filter is to learn the message is. */
public record LessonRequest(@Schema(allowableValues = { "spam", "ham" }, description = "ham: not spam",
        requiredMode = Schema.RequiredMode.REQUIRED) String lesson) {
}

package org.postroom.admin.quarantine;

import io.swagger.v3.oas.annotations.media.Schema;

/** What came of a lesson the spam filter learned (or knew already). */
public record LessonView(long messageId, @Schema(allowableValues = { "spam", "ham" }) String lesson,
        @Schema(allowableValues = { "learned", "already-learned" }) String outcome,
        @Schema(description = "the filter's word on it; empty when it learned") String detail) {
}

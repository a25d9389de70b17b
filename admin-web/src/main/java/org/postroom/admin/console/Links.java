package org.postroom.admin.console;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.web.util.UriUtils;

/**
 * Console paths built from names: every segment is encoded, because a mail address may contain
 * characters such as {@code ?}, {@code #} or {@code %} that mean something else in a URL.
 */
public final class Links {

    private Links() {
    }

    /** {@code path("users", "a#b@example.com", "delete")} is {@code /users/a%23b@example.com/delete}. */
    public static String path(String... segments) {
        return Arrays.stream(segments).map(segment -> UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/", "/", ""));
    }
}

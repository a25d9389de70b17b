package org.postroom.admin.api;

import java.util.List;
import java.util.Map;

import org.postroom.storage.InvalidInputException;

/**
 * The body of a PATCH, read as a JSON merge patch (RFC 7396): the fields given, each checked for
 * its kind as it is read; a field that is absent stays as it is. Every check fails with an {@link
 * InvalidInputException} naming the field, so the endpoint answers 400 before anything is changed.
 */
public final class MergePatch {

    private final Map<String, Object> body;

    private MergePatch(Map<String, Object> body) {
        this.body = body;
    }

    /**
     * The patch {@code body} of a {@code thing} ("a domain") whose changeable fields are {@code fields}.
     *
     * @param whatToGive the end of "nothing to change: ..." for an empty body, e.g. {@code give password or enabled}
     * @throws InvalidInputException for an empty body, or for the first field (in the body's order) that is not
     *         one of {@code fields}
     */
    public static MergePatch of(Map<String, Object> body, String thing, List<String> fields, String whatToGive) {
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException("nothing to change: " + whatToGive);
        }
        for (String field : body.keySet()) {
            if (!fields.contains(field)) {
                throw new InvalidInputException("unknown field " + field + "; " + thing + " has " + listed(fields));
            }
        }
        return new MergePatch(body);
    }

    /** Whether the patch names {@code field}, null among the values. */
    public boolean has(String field) {
        return body.containsKey(field);
    }

    /** The value of {@code field} as it came: null when absent or null. */
    public Object get(String field) {
        return body.get(field);
    }

    /**
     * The value of {@code field}, where null means "remove"; null when absent or null.
     *
     * @throws InvalidInputException "{@code field} must be {@code mustBe}" for a value of another kind
     */
    public <T> T nullable(String field, Class<T> kind, String mustBe) {
        Object value = body.get(field);
        if (value != null && !kind.isInstance(value)) {
            throw new InvalidInputException(field + " must be " + mustBe);
        }
        return kind.cast(value);
    }

    /**
     * The value of {@code field}; null when absent.
     *
     * @throws InvalidInputException "{@code field} must be {@code mustBe}" for null or a value of another kind
     */
    public <T> T value(String field, Class<T> kind, String mustBe) {
        if (!body.containsKey(field)) {
            return null;
        }
        if (!kind.isInstance(body.get(field))) {
            throw new InvalidInputException(field + " must be " + mustBe);
        }
        return kind.cast(body.get(field));
    }

    /** A true or false field; null when absent. */
    public Boolean flag(String field) {
        return value(field, Boolean.class, "true or false");
    }

    /** "a, b and c". */
    private static String listed(List<String> fields) {
        int last = fields.size() - 1;
        return last == 0 ? fields.get(0) : String.join(", ", fields.subList(0, last)) + " and " + fields.get(last);
    }
}

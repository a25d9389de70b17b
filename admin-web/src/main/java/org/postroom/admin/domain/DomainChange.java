package org.postroom.admin.domain;

import java.util.Map;

import org.postroom.storage.InvalidInputException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/v1/domains/{name}}, read as a JSON merge patch (RFC 7396): today a
 * domain has one thing to change, {@code postmasterTarget}; {@code null} removes it.
 */
@Schema(description = "\"postmasterTarget\": a local user or alias, or an external address; null removes it.")
public record DomainChange(@Schema(nullable = true) String postmasterTarget) {

    /** @throws InvalidInputException naming the field that is unknown or of the wrong kind */
    public static DomainChange from(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException("nothing to change: give postmasterTarget (an address, or null)");
        }
        for (String field : body.keySet()) {
            if (!field.equals("postmasterTarget")) {
                throw new InvalidInputException("unknown field " + field + "; a domain has postmasterTarget");
            }
        }
        Object target = body.get("postmasterTarget");
        if (target != null && !(target instanceof String)) {
            throw new InvalidInputException("postmasterTarget must be an address or null");
        }
        return new DomainChange((String) target);
    }
}

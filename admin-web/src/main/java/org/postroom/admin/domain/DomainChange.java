package org.postroom.admin.domain;

import java.util.Map;
import java.util.Set;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.DomainUpdate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/v1/domains/{name}}, read as a JSON merge patch (RFC 7396): a field
 * that is absent stays as it is; {@code "postmasterTarget": null} removes the target. Checked whole
 * before anything is changed, and then changed in one transaction.
 */
@Schema(description = "Fields to change; absent fields stay. \"postmasterTarget\": a local user or alias, or an "
        + "external address; null removes it. \"quarantineDigest\": false, none of the domain's users gets the daily "
        + "quarantine digest.")
public record DomainChange(@Schema(nullable = true) String postmasterTarget,
        @Schema(hidden = true) boolean postmasterTargetGiven,
        @Schema(description = "whether the domain's users get the daily quarantine digest") Boolean quarantineDigest) {

    private static final Set<String> FIELDS = Set.of("postmasterTarget", "quarantineDigest");

    /** @throws InvalidInputException naming the field that is unknown or of the wrong kind */
    public static DomainChange from(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException("nothing to change: give postmasterTarget (an address, or null) or "
                    + "quarantineDigest (true or false)");
        }
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException("unknown field " + field + "; a domain has postmasterTarget and "
                        + "quarantineDigest");
            }
        }
        Object target = body.get("postmasterTarget");
        if (target != null && !(target instanceof String)) {
            throw new InvalidInputException("postmasterTarget must be an address or null");
        }
        Boolean digest = null;
        if (body.containsKey("quarantineDigest")) {
            if (!(body.get("quarantineDigest") instanceof Boolean given)) {
                throw new InvalidInputException("quarantineDigest must be true or false");
            }
            digest = given;
        }
        return new DomainChange((String) target, body.containsKey("postmasterTarget"), digest);
    }

    /** The change as storage makes it, all fields together. */
    public DomainUpdate toUpdate() {
        return new DomainUpdate(postmasterTargetGiven ? new DomainUpdate.PostmasterTarget(postmasterTarget) : null,
                quarantineDigest);
    }
}

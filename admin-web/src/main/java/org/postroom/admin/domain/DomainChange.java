package org.postroom.admin.domain;

import java.util.List;
import java.util.Map;

import org.postroom.admin.api.MergePatch;
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

    private static final List<String> FIELDS = List.of("postmasterTarget", "quarantineDigest");

    /** @throws InvalidInputException naming the field that is unknown or of the wrong kind */
    public static DomainChange from(Map<String, Object> body) {
        MergePatch patch = MergePatch.of(body, "a domain", FIELDS,
                "give postmasterTarget (an address, or null) or quarantineDigest (true or false)");
        return new DomainChange(patch.nullable("postmasterTarget", String.class, "an address or null"),
                patch.has("postmasterTarget"), patch.flag("quarantineDigest"));
    }

    /** The change as storage makes it, all fields together. */
    public DomainUpdate toUpdate() {
        return new DomainUpdate(postmasterTargetGiven ? new DomainUpdate.PostmasterTarget(postmasterTarget) : null,
                quarantineDigest);
    }
}

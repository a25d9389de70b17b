package org.postroom.admin.domain;

import java.util.List;
import java.util.Map;

import org.postroom.admin.api.MergePatch;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.DomainUpdate;
import org.postroom.storage.directory.MtaStsMode;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/v1/domains/{name}}, read as a JSON merge patch (RFC 7396): a field
 * that is absent stays as it is; {@code "postmasterTarget": null} removes the target. Checked whole
 * before anything is changed, and then changed in one transaction.
 */
@Schema(description = "Fields to change; absent fields stay. \"postmasterTarget\": a local user or alias, or an "
        + "external address; null removes it. \"quarantineDigest\": false, none of the domain's users gets the daily "
        + "quarantine digest. \"mtaSts\": none, testing or enforce, the MTA-STS policy the domain publishes.")
public record DomainChange(@Schema(nullable = true) String postmasterTarget,
        @Schema(hidden = true) boolean postmasterTargetGiven,
        @Schema(description = "whether the domain's users get the daily quarantine digest") Boolean quarantineDigest,
        @Schema(description = "the MTA-STS policy mode: none, testing or enforce", allowableValues = { "none",
                "testing", "enforce" }) String mtaSts) {

    private static final List<String> FIELDS = List.of("postmasterTarget", "quarantineDigest", "mtaSts");

    /** @throws InvalidInputException naming the field that is unknown or of the wrong kind */
    public static DomainChange from(Map<String, Object> body) {
        MergePatch patch = MergePatch.of(body, "a domain", FIELDS,
                "give postmasterTarget (an address, or null), quarantineDigest (true or false) or mtaSts (none, testing"
                        + " or enforce)");
        return new DomainChange(patch.nullable("postmasterTarget", String.class, "an address or null"),
                patch.has("postmasterTarget"), patch.flag("quarantineDigest"), mode(patch));
    }

    /** The mode given, checked to be one, in its lower-case word; null when absent. */
    private static String mode(MergePatch patch) {
        String mode = patch.value("mtaSts", String.class, "none, testing or enforce");
        try {
            return mode == null ? null : MtaStsMode.of(mode).token();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("mtaSts must be none, testing or enforce");
        }
    }

    /** The change as storage makes it, all fields together. */
    public DomainUpdate toUpdate() {
        return new DomainUpdate(postmasterTargetGiven ? new DomainUpdate.PostmasterTarget(postmasterTarget) : null,
                quarantineDigest, mtaSts == null ? null : MtaStsMode.of(mtaSts));
    }
}

package org.postroom.storage.directory;

/**
 * Changes to one domain that {@link DomainRepository#update} makes together: a null field stays as
 * it is.
 *
 * @param postmasterTarget a new postmaster target (its address null: none)
 * @param quarantineDigest whether the domain's users get the daily quarantine digest
 */
public record DomainUpdate(PostmasterTarget postmasterTarget, Boolean quarantineDigest) {

    /** Where postmaster@ and abuse@ go; {@code address} null or blank removes the target. */
    public record PostmasterTarget(String address) {
    }

    public static DomainUpdate postmasterTarget(String address) {
        return new DomainUpdate(new PostmasterTarget(address), null);
    }

    public static DomainUpdate quarantineDigest(boolean on) {
        return new DomainUpdate(null, on);
    }
}

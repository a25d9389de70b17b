package org.postroom.storage.directory;

/**
 * Changes to one domain that {@link DomainRepository#update} makes together: a null field stays as
 * it is.
 *
 * @param postmasterTarget a new postmaster target (its address null: none)
 * @param quarantineDigest whether the domain's users get the daily quarantine digest
 * @param mtaSts the MTA-STS policy mode it publishes
 */
public record DomainUpdate(PostmasterTarget postmasterTarget, Boolean quarantineDigest, MtaStsMode mtaSts) {

    /** Where postmaster@ and abuse@ go; {@code address} null or blank removes the target. */
    public record PostmasterTarget(String address) {
    }

    public static DomainUpdate postmasterTarget(String address) {
        return new DomainUpdate(new PostmasterTarget(address), null, null);
    }

    public static DomainUpdate quarantineDigest(boolean on) {
        return new DomainUpdate(null, on, null);
    }

    public static DomainUpdate mtaSts(MtaStsMode mode) {
        return new DomainUpdate(null, null, mode);
    }
}

package org.postroom.storage.directory;

import java.time.Instant;

import org.postroom.storage.dkim.DkimRecord;

/**
 * A mail domain as the console and API show it. The DKIM public key (base64 X.509) is here for
 * the DNS record; the private key is deliberately not. {@code postmasterTarget} is where
 * postmaster@ and abuse@ go when no user or alias has that name, null when not set. {@code
 * quarantineDigest}: whether its users get the daily quarantine digest (those who did not turn it
 * off for themselves). {@code mtaSts}: the MTA-STS policy mode it publishes.
 */
public record Domain(long id, String name, String dkimSelector, String dkimPublicKey, String postmasterTarget,
        boolean quarantineDigest, MtaStsMode mtaSts, long userCount, long aliasCount, Instant createdAt) {

    /** The TXT record that publishes the domain's DKIM public key. */
    public DkimRecord dkimRecord() {
        return DkimRecord.of(name, dkimSelector, dkimPublicKey);
    }
}

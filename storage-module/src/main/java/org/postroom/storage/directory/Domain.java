package org.postroom.storage.directory;

import java.time.Instant;

/**
 * A mail domain as the console and API show it. The DKIM public key (base64 X.509) is here for
 * the DNS record; the private key is deliberately not.
 */
public record Domain(long id, String name, String dkimSelector, String dkimPublicKey, long userCount,
        long aliasCount, Instant createdAt) {

    /** The TXT record value to publish at {@code <selector>._domainkey.<name>} (RFC 6376 §3.6.1). */
    public String dkimRecord() {
        return "v=DKIM1; k=rsa; p=" + dkimPublicKey;
    }
}

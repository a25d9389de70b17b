package org.postroom.storage.dkim;

/**
 * The DNS TXT record through which receivers find a domain's DKIM public key (RFC 6376 §3.6.2.1):
 * its name {@code <selector>._domainkey.<domain>} and its value {@code v=DKIM1; k=rsa; p=<key>}
 * (§3.6.1). A signature's {@code d=} and {@code s=} tags point receivers at exactly this name.
 *
 * @param name  the owner name, without a trailing dot
 * @param value the TXT value, longer than 255 characters for an RSA-2048 key (DNS splits it)
 */
public record DkimRecord(String name, String value) {

    /** The record of {@code domain}'s key {@code publicKeyX509} (base64), published under {@code selector}. */
    public static DkimRecord of(String domain, String selector, String publicKeyX509) {
        return new DkimRecord(selector + "._domainkey." + domain, "v=DKIM1; k=rsa; p=" + publicKeyX509);
    }
}

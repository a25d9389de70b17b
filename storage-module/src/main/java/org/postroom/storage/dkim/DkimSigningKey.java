package org.postroom.storage.dkim;

/**
 * What the outbound signer needs for one domain: the selector and the PKCS#8 private key, base64.
 * Never shown by the console or the API.
 */
public record DkimSigningKey(String domain, String selector, String privateKeyPkcs8) {

    @Override
    public String toString() {
        return "DkimSigningKey[" + domain + ", selector=" + selector + "]";
    }
}

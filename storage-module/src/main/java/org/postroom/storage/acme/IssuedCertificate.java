package org.postroom.storage.acme;

import java.time.Instant;
import java.util.List;

/**
 * A certificate an ACME CA issued, as stored.
 *
 * @param names the DNS names it covers, the first one its subject
 * @param chainPem the chain in PEM, leaf first
 * @param keyPem the leaf's private key in PEM (PKCS#8)
 * @param notAfter the end of the leaf's validity
 * @param issuedAt when it was stored
 */
public record IssuedCertificate(List<String> names, String chainPem, String keyPem, Instant notAfter,
        Instant issuedAt) {

    public IssuedCertificate {
        names = List.copyOf(names);
    }
}

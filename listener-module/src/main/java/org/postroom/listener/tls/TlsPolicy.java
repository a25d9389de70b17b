package org.postroom.listener.tls;

import java.util.List;

/**
 * Which TLS versions and cipher suites the listeners accept. Only TLS 1.3 and 1.2 (RFC 8996
 * deprecates 1.0 and 1.1), and for 1.2 only ECDHE key exchange with an AEAD cipher: forward secrecy,
 * no CBC (Lucky 13, POODLE-class padding oracles), no RC4 or 3DES (Sweet32), no static RSA (ROBOT),
 * no finite-field DHE (Logjam-class weak groups). The order follows Mozilla's "intermediate"
 * server recommendation without its DHE suites; both engines enforce the server's order. Suites an
 * engine lacks are left out when its context is built. The console's HTTPS port follows the same
 * policy.
 */
public final class TlsPolicy {

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }
}

package org.postroom.admin.settings;

import java.util.Optional;

/**
 * The server as mail clients and DNS see it. Implemented by the server module, which knows the
 * configuration and the listeners; admin-web only reads it, each time it renders, so a reloaded
 * certificate shows at once.
 */
public interface ServerSettings {

    /** The name mail clients connect to and the DNS records point at. */
    String hostname();

    /** The ports the mail listeners accept connections on. */
    MailPorts ports();

    /** The certificate the mail listeners present; empty while it is not known. */
    Optional<TlsCertificate> certificate();

    /** How ordering the certificate from an ACME CA goes; empty when the server does not (ACME off). */
    default Optional<CertificateRenewal> renewal() {
        return Optional.empty();
    }

    /** The room the SMTP spool's disk has; empty when it cannot be read. */
    default Optional<SpoolSpace> spool() {
        return Optional.empty();
    }
}

package org.postroom.server.config;

import java.nio.file.Path;

import org.postroom.smtp.outbound.CertificateTrust;

/** A PEM trust file setting: unset (or, as docker compose passes an unset variable, empty) means the JDK's trust store alone. */
final class TrustFile {

    private TrustFile() {
    }

    /** {@code file}, or null when it is unset or empty. */
    static Path orNull(Path file) {
        return file == null || file.toString().isBlank() ? null : file;
    }

    /**
     * The JDK's trust store plus the certificates of {@code file} (null: none).
     *
     * @throws IllegalArgumentException naming {@code property} when the file cannot be read or holds no certificate
     */
    static CertificateTrust read(String property, Path file) {
        if (file == null) {
            return CertificateTrust.jdk();
        }
        try {
            return CertificateTrust.jdkAnd(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }
}

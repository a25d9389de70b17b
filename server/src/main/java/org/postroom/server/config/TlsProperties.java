package org.postroom.server.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The TLS certificate of every mail listener.
 *
 * @param certFile PEM certificate chain (e.g. Let's Encrypt's fullchain.pem); unset for a
 *        self-signed certificate generated once into the data dir
 * @param keyFile PEM private key belonging to {@code certFile}
 */
@ConfigurationProperties("postroom.tls")
public record TlsProperties(Path certFile, Path keyFile) {

    public TlsProperties {
        // docker compose passes an unset variable as an empty string
        certFile = blankToNull(certFile);
        keyFile = blankToNull(keyFile);
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("postroom.tls.cert-file and postroom.tls.key-file must be set together");
        }
        requireReadable("postroom.tls.cert-file", certFile);
        requireReadable("postroom.tls.key-file", keyFile);
    }

    public boolean configured() {
        return certFile != null;
    }

    private static Path blankToNull(Path file) {
        return file == null || file.toString().isBlank() ? null : file;
    }

    private static void requireReadable(String property, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalArgumentException(property + " names a file that cannot be read: " + file);
        }
    }
}

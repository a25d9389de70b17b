package org.postroom.server.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.postroom.listener.tls.TlsEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The TLS certificate of every mail listener, and the implementation that serves it.
 *
 * @param certFile PEM certificate chain (e.g. Let's Encrypt's fullchain.pem); unset for a
 *        self-signed certificate generated once into the data dir
 * @param keyFile PEM private key belonging to {@code certFile}
 * @param engine the TLS implementation: {@code auto} (BoringSSL where its native library loads,
 *        else the JDK's), {@code boringssl} or {@code jdk}
 */
@ConfigurationProperties("postroom.tls")
public record TlsProperties(Path certFile, Path keyFile, @DefaultValue("auto") TlsEngine engine) {

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

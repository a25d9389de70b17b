package org.postroom.listener;

import java.util.Locale;
import java.util.Objects;

import org.apache.james.protocols.netty.Encryption;

/**
 * How a listener protects its connections: not at all (MX port 25 before STARTTLS is offered),
 * STARTTLS/STLS upgraded on the client's command (587, 110), or TLS from the first byte (465, 995).
 * The James {@link Encryption} objects come from {@code ListenerTls}.
 */
public sealed interface TransportSecurity {

    /** No TLS on this listener. */
    static TransportSecurity plain() {
        return new Plain();
    }

    /**
     * TLS after the client's upgrade command.
     *
     * @param encryption a STARTTLS-mode encryption ({@code ListenerTls.startTlsEncryption()})
     * @param command    the protocol's upgrade command: {@code "STARTTLS"} (RFC 3207) or {@code "STLS"} (RFC 2595)
     */
    static TransportSecurity startTls(Encryption encryption, String command) {
        return new StartTls(encryption, command);
    }

    /** TLS from the first byte ({@code ListenerTls.implicitTlsEncryption()}), RFC 8314. */
    static TransportSecurity implicitTls(Encryption encryption) {
        return new ImplicitTls(encryption);
    }

    record Plain() implements TransportSecurity {
    }

    record StartTls(Encryption encryption, String command) implements TransportSecurity {
        public StartTls {
            Objects.requireNonNull(encryption, "encryption");
            Objects.requireNonNull(command, "command");
            if (!encryption.isStartTLS()) {
                throw new IllegalArgumentException("STARTTLS needs a STARTTLS-mode encryption");
            }
            if (!command.matches("[A-Za-z]+")) {
                throw new IllegalArgumentException("the upgrade command must be one word: " + command);
            }
            command = command.toUpperCase(Locale.ROOT);
        }
    }

    record ImplicitTls(Encryption encryption) implements TransportSecurity {
        public ImplicitTls {
            Objects.requireNonNull(encryption, "encryption");
            if (encryption.isStartTLS()) {
                throw new IllegalArgumentException("implicit TLS needs an encryption that is not in STARTTLS mode");
            }
        }
    }
}

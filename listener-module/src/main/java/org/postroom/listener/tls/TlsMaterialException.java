package org.postroom.listener.tls;

/**
 * The certificate or private key cannot be used: a file is missing or unreadable, holds no
 * certificate or key, holds an encrypted or unsupported key, or the key does not belong to the
 * certificate. The message names the file and says what is wrong, so that start-up fails with a
 * sentence an operator can act on.
 */
public class TlsMaterialException extends RuntimeException {

    public TlsMaterialException(String message) {
        super(message);
    }

    public TlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}

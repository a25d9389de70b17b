package org.postroom.smtp.rspamd;

/**
 * rspamd could not be asked or gave no usable answer: not reachable, no answer in time, an HTTP
 * error, an answer that is not the JSON of its protocol. The message says which, without secrets.
 */
public final class RspamdException extends Exception {

    private static final long serialVersionUID = 1L;

    RspamdException(String message) {
        super(message);
    }

    RspamdException(String message, Throwable cause) {
        super(message, cause);
    }
}

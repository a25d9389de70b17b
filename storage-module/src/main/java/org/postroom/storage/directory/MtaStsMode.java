package org.postroom.storage.directory;

import java.util.Locale;

import org.postroom.storage.InvalidInputException;

/**
 * The MTA-STS policy mode a domain publishes (RFC 8461 §5): {@code NONE} publishes no policy,
 * {@code TESTING} asks senders to deliver anyway and report TLS failures, {@code ENFORCE} asks them
 * to deliver only over TLS to an MX of the policy with a valid certificate.
 */
public enum MtaStsMode {
    NONE, TESTING, ENFORCE;

    /** The word the policy, the API and the database use: none, testing or enforce. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException naming the three modes when {@code token} is none of them */
    public static MtaStsMode of(String token) {
        for (MtaStsMode mode : values()) {
            if (mode.token().equalsIgnoreCase(token == null ? "" : token.strip())) {
                return mode;
            }
        }
        throw new InvalidInputException("the MTA-STS mode is none, testing or enforce");
    }
}

package org.postroom.storage.directory;

import org.postroom.storage.InvalidInputException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How Postroom hashes and checks passwords: Spring Security's delegating format
 * ({@code {bcrypt}$2a$10$...}), so stored hashes name their algorithm and a later release can move
 * to a stronger one while old hashes keep working. Also the minimum strength every entry point
 * (console, API, CLI, the user's own account page) enforces.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private Passwords() {
    }

    public static PasswordEncoder encoder() {
        return ENCODER;
    }

    /** The hash to store for a new password, after checking it is strong enough. */
    public static String hashNew(String password) {
        requireStrong(password);
        return ENCODER.encode(password);
    }

    /** Refuses passwords that are too short, too long or made of one repeated character. */
    public static void requireStrong(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidInputException("password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidInputException("password must have at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().distinct().count() < 4) {
            throw new InvalidInputException("password must use at least 4 different characters");
        }
    }
}

package org.postroom.storage.directory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

import org.postroom.storage.InvalidInputException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How Postroom hashes and checks passwords, and the rules every entry point (console, API, CLI,
 * the user's own account page) enforces for a new one.
 *
 * <p>Hashes are stored in Spring Security's delegating format ({@code {bcrypt}$2a$10$...}), so that
 * a later release can name a stronger algorithm. A login is checked only against a
 * {@code {bcrypt}} hash: a hash with another prefix (say {@code {noop}}, a password in clear) or
 * none at all was not written by Postroom and never authenticates.
 *
 * <p>bcrypt reads at most 72 bytes of a password and ignores the rest, so a new password may have
 * at most 72 bytes in UTF-8 (72 ASCII characters, fewer with accents or other scripts), and a
 * longer one given at login is never right: it cannot be the one that was set.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    /** bcrypt's limit, in UTF-8 bytes. */
    public static final int MAX_BYTES = 72;

    private static final String BCRYPT = "{bcrypt}";
    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final PasswordEncoder BCRYPT_CHECK = new BCryptPasswordEncoder();
    private static final String DECOY_PASSWORD = UUID.randomUUID().toString();
    private static final String DECOY = ENCODER.encode(UUID.randomUUID().toString());

    /** Spring Security's view of these rules, for the administrators' login (and their tests). */
    private static final PasswordEncoder LOGIN_ENCODER = new PasswordEncoder() {
        @Override
        public String encode(CharSequence password) {
            return ENCODER.encode(password);
        }

        @Override
        public boolean matches(CharSequence password, String storedHash) {
            return Passwords.matches(password == null ? null : password.toString(), storedHash);
        }
    };

    private Passwords() {
    }

    /** A {@link PasswordEncoder} that hashes as {@link #hashNew} does (without its rules) and checks as {@link #matches} does. */
    // no 0/O, 1/l/I: a generated password is read off a log or a page by a person
    private static final String GENERATED_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GENERATED_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new random password of 20 letters and digits (about 116 bits), shown once to a person. */
    public static String generate() {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(GENERATED_ALPHABET.charAt(RANDOM.nextInt(GENERATED_ALPHABET.length())));
        }
        return password.toString();
    }

    public static PasswordEncoder encoder() {
        return LOGIN_ENCODER;
    }

    /** The hash to store for a new password, after checking it follows the rules. */
    public static String hashNew(String password) {
        requireStrong(password);
        return ENCODER.encode(password);
    }

    /**
     * True when {@code password} is the one {@code storedHash} was made from. Takes a bcrypt
     * check's time whatever the answer, also for a null password or hash (an unknown login) and
     * for a hash that is not bcrypt, so the time taken tells nothing.
     */
    public static boolean matches(String password, String storedHash) {
        boolean usable = password != null && !password.isEmpty() && storedHash != null && storedHash.startsWith(BCRYPT)
                && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        // Spring's encoder answers an empty password at once: the decoy check gets a non-empty one
        String hash = usable ? storedHash.substring(BCRYPT.length()) : DECOY.substring(BCRYPT.length());
        return BCRYPT_CHECK.matches(usable ? password : DECOY_PASSWORD, hash) && usable;
    }

    /** Refuses passwords that are too short, too long for bcrypt or made of one repeated character. */
    public static void requireStrong(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidInputException("password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException("password must have at most " + MAX_BYTES
                    + " bytes in UTF-8 (72 plain letters or digits, fewer with accents or other scripts)");
        }
        if (password.chars().distinct().count() < 4) {
            throw new InvalidInputException("password must use at least 4 different characters");
        }
    }
}

package org.postroom.storage.directory;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The shape of an app password: sixteen letters in four groups, {@code abcd-efgh-ijkm-nopq}, drawn
 * from 25 lower-case letters (no {@code l}, which reads like {@code 1} and {@code I}): about 74
 * bits. People type them from the screen into a phone, so at login spaces and dashes are ignored
 * and case does not matter. The first group is the password's {@link #lookup}, stored in clear.
 */
final class AppPasswordSecret {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyz";
    private static final int LETTERS = 16;
    private static final int GROUP = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AppPasswordSecret() {
    }

    /** A new app password, grouped for reading. */
    static String generate() {
        StringBuilder password = new StringBuilder(LETTERS + LETTERS / GROUP);
        for (int i = 0; i < LETTERS; i++) {
            if (i > 0 && i % GROUP == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /**
     * The sixteen letters of {@code secret} (the form that is hashed) when it has an app password's
     * shape; empty for anything else, such as an account password.
     */
    static Optional<String> letters(String secret) {
        if (secret == null || secret.length() > 2 * LETTERS) {
            return Optional.empty();
        }
        String letters = secret.replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
        boolean shaped = letters.length() == LETTERS && letters.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
        return shaped ? Optional.of(letters) : Optional.empty();
    }

    /** The first group of an app password's {@link #letters}: which stored row to check. */
    static String lookup(String letters) {
        return letters.substring(0, GROUP);
    }
}

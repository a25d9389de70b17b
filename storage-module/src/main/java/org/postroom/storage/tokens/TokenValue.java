package org.postroom.storage.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The shape of a token: {@code prt_} and 32 letters of the RFC 4648 base32 alphabet in lower case,
 * 160 random bits. The first eight letters with {@code prt_} are its {@link #prefix}, kept in
 * clear; the whole value is kept only as a SHA-256 digest (160 random bits need no slow hash).
 */
final class TokenValue {

    static final String MARK = "prt_";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int LETTERS = 32;
    private static final int PREFIX_LETTERS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenValue() {
    }

    static String generate() {
        StringBuilder value = new StringBuilder(MARK);
        for (int i = 0; i < LETTERS; i++) {
            value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return value.toString();
    }

    /** The prefix of {@code value} when it has a token's shape; empty for anything else. */
    static Optional<String> prefix(String value) {
        if (value == null || value.length() != MARK.length() + LETTERS || !value.startsWith(MARK)
                || !value.substring(MARK.length()).chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(0, MARK.length() + PREFIX_LETTERS));
    }

    static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

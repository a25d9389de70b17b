package org.postroom.storage.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

/**
 * TOTP as RFC 6238 defines it with the parameters every authenticator app assumes from a bare
 * {@code otpauth://} URI: HMAC-SHA-1, 6 digits, 30-second steps counted from the Unix epoch. A
 * code is accepted for its own step and one step either side (RFC 6238 §5.2: a phone's clock and
 * the time to type the code); the caller learns which step matched, for replay protection.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final int PERIOD_SECONDS = 30;
    /** Steps accepted either side of the current one. */
    private static final int DRIFT = 1;
    /** 32 base32 characters: a 160-bit key, as RFC 4226 §4 recommends for HMAC-SHA-1. */
    private static final int SECRET_CHARACTERS = 32;

    private static final DefaultCodeGenerator CODES = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private static final DefaultSecretGenerator SECRETS = new DefaultSecretGenerator(SECRET_CHARACTERS);

    private Totp() {
    }

    /** A new shared secret, base32 as authenticator apps read it. */
    public static String newSecret() {
        return SECRETS.generate();
    }

    /** The step {@code time} falls in. */
    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code of {@code secret} for {@code step}. */
    public static String code(String secret, long step) {
        try {
            return CODES.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalArgumentException("not a TOTP secret", e);
        }
    }

    /**
     * The step within the drift of {@code now} whose code {@code code} is, the latest when several
     * are; empty for a wrong code (anything but six digits among them).
     */
    static OptionalLong matchingStep(String secret, String code, Instant now) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = step(now);
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        OptionalLong matching = OptionalLong.empty();
        for (long step = current - DRIFT; step <= current + DRIFT; step++) {
            // every candidate is compared, in constant time: the time taken says nothing about which matched
            if (MessageDigest.isEqual(given, code(secret, step).getBytes(StandardCharsets.US_ASCII))) {
                matching = OptionalLong.of(step);
            }
        }
        return matching;
    }
}

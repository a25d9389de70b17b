/**
 * Two-factor login on the web (issue 17): a mail user's or an administrator's TOTP secret
 * (RFC 6238: 6 digits, 30-second steps, HMAC-SHA-1, what every authenticator app reads from a QR
 * code) and their recovery codes (tables {@code two_factor} and {@code recovery_code}, V21).
 *
 * <p>{@link org.postroom.storage.twofactor.SecondFactors} enrols, checks and removes them; a code is
 * accepted once: the step it belongs to is written down in the same statement that accepts it, so
 * the code (or an older one) is refused afterwards on every process. Its
 * {@link org.postroom.storage.twofactor.SecondFactors#credentials credentials} plug into the one login
 * pipeline, so wrong codes count against the client and the account like wrong passwords.
 * {@link org.postroom.storage.twofactor.Totp} is the arithmetic. The mail protocols never ask for a
 * second factor: app passwords are theirs. Depends on {@code directory} (addresses).
 */
package org.postroom.storage.twofactor;

/**
 * The daily quarantine digest a mail user receives: {@link org.postroom.smtp.digest.QuarantineDigest}
 * writes it (plain text, its words from the {@code texts} bundle beside it, a link to the
 * account page), {@link org.postroom.smtp.digest.QuarantineDigestRound} sends one day's digests
 * through storage's {@link org.postroom.storage.quarantine.QuarantineDigests}, which stores each into
 * the user's INBOX (so POP3 downloads it) together with the mark that names its messages. When a
 * round runs is the server's business. This package imports neither the inbound nor the outbound side.
 */
package org.postroom.smtp.digest;

/**
 * The server's own certificate from an ACME CA (RFC 8555, Let's Encrypt by default): which names
 * it must cover ({@link org.postroom.server.acme.CertificateNames}), ordering it with HTTP-01
 * challenges through acme4j ({@link org.postroom.server.acme.CertificateAuthority}), and the
 * periodic check every process runs ({@link org.postroom.server.acme.CertificateRenewal}): install
 * the stored certificate where the listeners and the console's HTTPS read it, and, under the
 * database's order lock, order a new one when it is due. Everything is kept in PostgreSQL
 * (storage's {@code acme} package), so every process serves the same certificate.
 */
package org.postroom.server.acme;

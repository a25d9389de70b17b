/**
 * What the built-in ACME client keeps in PostgreSQL so that every Postroom process shares it:
 * the account key per CA ({@code acme_account}), the one certificate with its key
 * ({@code acme_certificate}), how renewal goes ({@code acme_renewal}: failures, the last error,
 * the back-off), the HTTP-01 answers being validated ({@code acme_challenge}), and the advisory
 * lock that lets one process order at a time. The ACME protocol itself is the host's business.
 */
package org.postroom.storage.acme;

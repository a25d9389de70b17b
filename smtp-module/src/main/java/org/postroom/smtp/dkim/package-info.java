/**
 * DKIM signing of outgoing mail (RFC 6376) with Apache jDKIM, using the key each domain got when
 * it was created ({@link org.postroom.storage.directory.DomainRepository#signingKey}). The key
 * pair, and the TXT record that publishes its public half (the one the console shows), are
 * storage's {@link org.postroom.storage.dkim}; which domain signs a message is outbound delivery's
 * decision, taken from the From: field as {@link org.postroom.smtp.message.FromField} parses it.
 */
package org.postroom.smtp.dkim;

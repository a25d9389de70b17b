/**
 * DKIM signing of outgoing mail (RFC 6376) with Apache jDKIM, using the key each domain got when
 * it was created ({@link org.postroom.storage.directory.DomainRepository#signingKey}). The public
 * half is published by the administrator as the TXT record the console shows.
 */
package org.postroom.smtp.dkim;

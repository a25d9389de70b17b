/**
 * The server's one DNS resolver ({@link org.postroom.smtp.dns.DnsResolver}): outbound delivery
 * asks it for MX and address records, the inbound checks for SPF, DKIM key and DMARC records, all
 * through the servers of {@code postroom.dns.servers} and one cache that honours the records'
 * TTLs. Every answer is a {@link org.postroom.smtp.dns.DnsAnswer}: records found, none (the name
 * does not exist, or has no records of that type), or a temporary failure. Both sides use this
 * package; it imports neither.
 */
package org.postroom.smtp.dns;

package org.postroom.admin.domain;

/**
 * One record to publish in the domain's zone.
 *
 * @param name the owner name, fully qualified, without the trailing dot
 * @param value the record data as a zone file writes it (host names end with a dot; TXT unquoted)
 * @param purpose what the record is for, in a few words
 */
public record DnsRecord(String type, String name, String value, String purpose) {
}

/**
 * Mail domains: the console pages and the {@code /api/v1/domains} endpoints to list, add and
 * delete them, and the DNS records each one needs published ({@link org.postroom.admin.domain.DnsRecords}).
 */
package org.postroom.admin.domain;

/**
 * MTA-STS for outbound delivery (RFC 8461, the sending side): a recipient domain's policy found
 * through its {@code _mta-sts} TXT record, fetched over HTTPS with a verified certificate, parsed
 * strictly, kept per process for its {@code max_age} and refreshed when the record's id changes or
 * the policy is half way to its expiry ({@link org.postroom.smtp.outbound.mtasts.MtaStsPolicies});
 * the MX patterns a policy allows ({@link org.postroom.smtp.outbound.mtasts.MtaStsPolicy}); and TLS
 * whose certificate is checked against a name other than the address connected to ({@link
 * org.postroom.smtp.outbound.mtasts.PeerNameTls}), since MX hosts are reached by address. Delivery
 * decides what a policy means for its hops; this package knows nothing of SMTP.
 */
package org.postroom.smtp.outbound.mtasts;

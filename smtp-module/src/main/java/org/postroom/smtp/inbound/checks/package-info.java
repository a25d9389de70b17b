/**
 * The authentication of mail received on port 25, one check per class, run as message hooks of
 * the MX chain at the end of DATA on the listener's hook threads: {@link
 * org.postroom.smtp.inbound.checks.SpfCheck} (RFC 7208, Apache jSPF; {@link
 * org.postroom.smtp.inbound.checks.SpfEvaluation} evaluates it once per transaction, for
 * greylisting at RCPT too), {@link
 * org.postroom.smtp.inbound.checks.DkimCheck} (RFC 6376, Apache jDKIM, every signature), {@link
 * org.postroom.smtp.inbound.checks.OwnDomainCheck} (our own domains are never spoofable from
 * outside) and {@link org.postroom.smtp.inbound.checks.DmarcCheck} (RFC 7489, with the
 * organisational domain from the Public Suffix List). SPF and DKIM only record their verdicts;
 * DMARC takes them as its inputs, and keeps its verdict (for the header) apart from its
 * disposition (what happens to the message). Every DNS question goes through the server's one
 * resolver and its cache ({@link org.postroom.smtp.dns}); a DNS failure is a temperror, never a
 * rejection.
 *
 * <p>The findings travel with the message ({@link org.postroom.smtp.inbound.checks.MessageAuthentication}):
 * the commit prepends one Authentication-Results field (RFC 8601) and holds a message that a DMARC
 * policy of quarantine applies to, unless DmarcCheck found it exempt (a trusted forwarder, the
 * sender on every recipient's allow list). Authentication-Results fields that claim to be ours are
 * removed as the message arrives ({@link org.postroom.smtp.inbound.checks.AuthenticationResultsFilter}).
 * {@link org.postroom.smtp.inbound.checks.InboundChecks} is what the MX chain takes from here.
 */
package org.postroom.smtp.inbound.checks;

/**
 * Port 25's judgement of who is sending, before any message is read: the recipients' allow and
 * block lists of senders (storage's {@code SenderLists}, one query per RCPT) and the DNS
 * blocklists of the client's address ({@link org.postroom.smtp.inbound.senders.Dnsbl}, asked at
 * connect through the server's one resolver), both decided at RCPT by {@link
 * org.postroom.smtp.inbound.senders.SenderPolicyHook}; postmaster@ and abuse@ are exempt. What the
 * checks at the end of DATA may ask: whether a recipient's list allowed the sender ({@link
 * org.postroom.smtp.inbound.senders.AllowListed}), and whether the client is a trusted forwarder
 * ({@link org.postroom.smtp.inbound.senders.TrustedForwarders}).
 */
package org.postroom.smtp.inbound.senders;

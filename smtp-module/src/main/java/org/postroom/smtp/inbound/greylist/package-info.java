/**
 * Greylisting on port 25 (RFC 6647): a client network, sender and recipient seen for the first time
 * get 451 4.7.1 and pass when the client retries after the delay, as a real mail server does and
 * most spam software does not. The triplets live in PostgreSQL (storage's {@code Greylist}), so
 * that every Postroom process on the database agrees and a retry may reach any of them.
 *
 * <p><b>Decided at RCPT, for recipients that would be accepted.</b> {@link
 * org.postroom.smtp.inbound.greylist.GreylistHook} runs inside {@code LocalRecipientHook}, after the
 * recipient resolved to a mailbox with room and after the sender lists and DNS blocklists: an
 * unknown, disabled or full recipient gets its 5xx or 452 at once and leaves no triplet behind, and
 * a deferral costs the client no message data. Greylisting at the end of DATA would have made
 * every client send each message twice and deferred all recipients of a transaction at once.
 *
 * <p><b>Not greylisted:</b> authenticated sessions (they use the submission ports, whose chain has
 * no greylisting; port 25 offers no AUTH), senders on the recipient's allow list, postmaster@ and
 * abuse@ of every domain, and clients whose SPF passes for a sender domain a triplet of which
 * passed before. For that last one SPF is evaluated at RCPT, but only for a triplet that has not
 * passed and a sender domain that has ({@code SpfEvaluation} keeps the verdict for the transaction,
 * and the SPF check at the end of DATA takes it from there instead of asking DNS again): a known
 * triplet costs one indexed read and no DNS.
 *
 * <p><b>The null sender</b> (bounces, RFC 5321 §4.5.5) is greylisted by its triplet like any other
 * sender: the bouncing server keeps its DSN queued on a 4yz reply and retries it (RFC 5321
 * §4.5.4.1), as it does any message, so greylisting delays a DSN but never loses one; Postroom
 * never answers 250 to a DSN it did not commit, nor refuses one for good. It has no sender domain,
 * so it is never passed on SPF (its SPF identity is the HELO name, which says nothing about a
 * sender domain); once one bounce from a network to a recipient passed, the next ones pass at once.
 */
package org.postroom.smtp.inbound.greylist;

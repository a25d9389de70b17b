/**
 * The Sender Rewriting Scheme ({@link org.postroom.smtp.srs.SenderRewriting}): outbound delivery
 * rewrites the envelope sender of mail an alias forwards outside, and the inbound side turns a
 * bounce to such an address back into one for the original sender. Both sides use this package;
 * neither imports the other.
 */
package org.postroom.smtp.srs;

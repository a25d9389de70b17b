/**
 * POP3 (RFC 1939, with CAPA RFC 2449, STLS RFC 2595 and AUTH RFC 5034) on Apache James Protocols:
 * {@link org.postroom.pop3.Pop3Protocol} assembles the handler chain, one small class per command,
 * with {@code CommandStates} deciding which command is legal in which state; the session's log
 * line. The maildrop itself (login, lock, listing, deletion, the session's state) is in {@code
 * pop3.maildrop}, the replies of both in {@code pop3.reply}.
 */
package org.postroom.pop3;

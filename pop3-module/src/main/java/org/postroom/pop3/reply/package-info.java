/**
 * The POP3 replies, every one by name ({@link org.postroom.pop3.reply.Replies}), for the commands
 * of {@code pop3} and the login of {@code pop3.maildrop} alike, with the listener's own lines.
 */
package org.postroom.pop3.reply;

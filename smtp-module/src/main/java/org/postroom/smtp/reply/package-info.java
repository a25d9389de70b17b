/**
 * The SMTP reply vocabulary shared by the inbound server and outbound delivery: a {@link
 * org.postroom.smtp.reply.Reply} is a reply code, an enhanced status code (RFC 3463) and a text;
 * {@link org.postroom.smtp.reply.Replies} names every reply Postroom's own code sends, with the RFC
 * section that defines it. Nothing here knows about Apache James or sockets.
 */
package org.postroom.smtp.reply;

/**
 * The SMTP vocabulary shared by the inbound server and outbound delivery: {@link
 * org.postroom.smtp.reply.Codes} names every reply code and enhanced status code (RFC 5321, RFC
 * 3463) either side sends or reads; a {@link org.postroom.smtp.reply.Reply} is a reply code, an
 * enhanced status code and a text, and {@link org.postroom.smtp.reply.Reply#parse} the one reader
 * of a reply line; {@link org.postroom.smtp.reply.Replies} names every reply Postroom's own code
 * sends, with the RFC section that defines it, and {@link org.postroom.smtp.reply.Refusal} the
 * reason behind each refusal, for logs and metrics; a {@link org.postroom.smtp.reply.Diagnosis} is
 * why a message was not delivered, from a remote reply or Postroom's own finding. Text from a
 * remote server is made printable by storage's {@link org.postroom.storage.Printable}. Nothing here
 * knows about Apache James or sockets.
 */
package org.postroom.smtp.reply;

/**
 * The POP3 side of the mail store: logging in (USER/PASS, AUTH PLAIN) through storage's login
 * pipeline, the one SMTP and the web use too, the maildrop lock that keeps one session per mailbox across
 * every Postroom process, {@link org.postroom.pop3.maildrop.Maildrop}, the session's view of the
 * INBOX over storage-module's {@code Mailboxes}, and {@link org.postroom.pop3.maildrop.SessionState},
 * where the session stands: AUTHORIZATION, or TRANSACTION with its maildrop.
 */
package org.postroom.pop3.maildrop;

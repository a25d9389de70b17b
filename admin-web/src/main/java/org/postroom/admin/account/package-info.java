/**
 * The mail users' own page, {@code /account}: they log in with their address and password (the
 * same check as POP3 and SMTP), see their quota, how many messages are held for them and how to set
 * up their mail program, and change their password. Their held mail itself ({@code
 * /account/quarantine}) is the quarantine package's.
 */
package org.postroom.admin.account;

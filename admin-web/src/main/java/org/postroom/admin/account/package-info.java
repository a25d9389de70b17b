/**
 * The mail users' own page, {@code /account}: they log in with their address and password (the
 * same check as POP3 and SMTP), see their quota and how to set up their mail program, and change
 * their password.
 */
package org.postroom.admin.account;

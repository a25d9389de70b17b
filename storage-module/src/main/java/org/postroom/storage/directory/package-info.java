/**
 * The mail directory: domains, users, aliases and the administrators, and the questions the
 * protocols ask of them.
 *
 * <p>{@link org.postroom.storage.directory.MailDirectory} answers "where does mail for this address
 * go?", {@link org.postroom.storage.directory.Authenticator} answers "is this login right?", and
 * {@link org.postroom.storage.directory.LoginThrottle} counts failed logins per IP for every
 * protocol. The repositories are the write side used by the console, the REST API and the CLI;
 * they validate names and passwords so that every entry point enforces the same rules.
 */
package org.postroom.storage.directory;

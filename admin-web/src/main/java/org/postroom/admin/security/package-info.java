/**
 * Who may see what. Administrators log in to the console with a form (session cookie, CSRF token
 * on every form) and to the REST API with HTTP Basic (no session, so no CSRF); mail users log in
 * to their account page with their address. Every login goes through storage's login pipeline
 * ({@link org.postroom.storage.directory.LoginAttempts}), the one SMTP AUTH and POP3 use, with the
 * same counts per client and per account; a throttled login gets 429 with Retry-After. Every
 * response carries a strict Content-Security-Policy and may not be framed. At start-up the
 * bootstrap administrator is made sure to exist; a generated password opens nothing but the page
 * to choose one's own. The API refuses changes that a browser says another site sent, and
 * forwarded headers count only from the configured reverse proxies.
 */
package org.postroom.admin.security;

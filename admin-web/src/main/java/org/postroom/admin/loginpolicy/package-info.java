/**
 * Login policies, set by administrators on a domain's and a user's page and through
 * {@code /api/v1/domains/{name}/login-policy} and {@code /api/v1/users/{address}/login-policy}:
 * app passwords only on SMTP AUTH and POP3 (domain or user), two-factor sign-in to the account
 * pages for all of a domain's users. Stored and enforced by storage's login pipeline and by the
 * sign-in forms ({@code org.postroom.admin.security}).
 */
package org.postroom.admin.loginpolicy;

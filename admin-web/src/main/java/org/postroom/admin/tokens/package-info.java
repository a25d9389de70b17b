/**
 * An administrator's own API tokens (issue 17), in the console ({@code /tokens}) and the API
 * ({@code /api/v1/tokens}): created with a name, read or write access, optionally one of their
 * domains and an expiry; shown once; revoked. The security chain turns a valid {@code Bearer}
 * token into its owner's login, which {@link org.postroom.admin.access.DomainAccess} narrows to the
 * token's domain; docs/adr/0011-api-tokens-and-the-audit-log.md says why.
 */
package org.postroom.admin.tokens;

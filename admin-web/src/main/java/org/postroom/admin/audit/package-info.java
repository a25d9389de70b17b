/**
 * The audit log on the web (issue 17): {@link org.postroom.admin.audit.ChangeAudit} writes an entry
 * after every change a handler of the console, the API or the account page made, in one place, so
 * a new handler is audited without a line of its own; {@link org.postroom.admin.audit.AuditTrail}
 * writes the logins and failed logins the security chains report. The console page and {@code GET
 * /api/v1/audit} show the entries, a domain administrator's only those about their domains (through
 * {@link org.postroom.admin.access.DomainAccess}). Never a secret: form fields that hold one are
 * named without their value. docs/adr/0011-api-tokens-and-the-audit-log.md says why.
 */
package org.postroom.admin.audit;

/**
 * The audit log (issue 17; table {@code audit_entry}, V24): every change made through the console,
 * the API or the CLI, every login and failed login on the web, every suspension of sending and its
 * lift, with who, from which address, when and what, never a secret. {@link
 * org.postroom.storage.audit.AuditLog} writes (on its own, or inside the transaction of the change
 * it tells of), searches a page at a time (filtered by actor, action, domain, time and the domains a
 * domain administrator may see) and purges entries past the retention. Depends on {@code directory}
 * (domain names, pages).
 */
package org.postroom.storage.audit;

/**
 * The spam filter's side of the web: each domain's spam policy (its subject tag, or holding spam
 * in the quarantine) in the console's domain page and under {@code /api/v1/domains/{name}/spam-policy},
 * over storage's {@code SpamPolicies}; and learning, {@link org.postroom.admin.antispam.SpamLessons}
 * teaching the filter from a quarantined message through the {@link
 * org.postroom.admin.antispam.SpamTeacher} port, which the server implements over rspamd (admin-web
 * depends on no protocol module).
 */
package org.postroom.admin.antispam;

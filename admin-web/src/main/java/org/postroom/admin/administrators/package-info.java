/**
 * The administrators, managed by server administrators on the console's {@code /administrators}
 * pages and under {@code /api/v1/administrators}: listed with their role, domains and second
 * factor; created as server or domain administrators with a password Postroom generates and shows
 * once (to be changed at the first sign-in); their domains changed; their password reset the same
 * way; a second factor required of them, or theirs removed so that they enrol again; deleted. The
 * rules (never oneself, never the last server administrator) are in {@link
 * org.postroom.admin.administrators.Administrators} and storage's {@link
 * org.postroom.storage.directory.AdminAccountRepository}.
 */
package org.postroom.admin.administrators;

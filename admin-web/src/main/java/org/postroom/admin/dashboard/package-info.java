/**
 * The dashboard: the server's figures at a glance (directory, store, queue, today's traffic,
 * recent failures, the last 24 hours as a chart), as a page and as {@code /api/v1/stats}.
 */
package org.postroom.admin.dashboard;

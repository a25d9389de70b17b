/**
 * The outbound queue as administrators see it: console pages and {@code /api/v1/queue} to list
 * waiting deliveries, see each one's attempts, retry one now, or delete it without a bounce.
 */
package org.postroom.admin.queue;

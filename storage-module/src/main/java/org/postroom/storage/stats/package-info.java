/**
 * Read-only figures about the whole server for the console's dashboard and the REST API: how many
 * domains, users and stored messages there are, and how much mail came in and went out, today and
 * hour by hour.
 *
 * <p>Arrivals are logged by a trigger on {@code message} (migration V3) because stored messages
 * do not outlive their last reader; deliveries out come from the delivery-attempt log.
 */
package org.postroom.storage.stats;

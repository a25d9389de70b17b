/**
 * Greylisting's memory, shared by every process on the database: {@link
 * org.postroom.storage.greylist.Greylist} decides an attempt of a {@link
 * org.postroom.storage.greylist.Triplet} (client network, sender, recipient) as it remembers it
 * (tables {@code greylist_triplet} and {@code greylist_domain}, V18) and forgets what no longer
 * counts; the outcome is an {@link org.postroom.storage.greylist.Attempt}. Depends on {@code
 * directory} for addresses and networks.
 */
package org.postroom.storage.greylist;

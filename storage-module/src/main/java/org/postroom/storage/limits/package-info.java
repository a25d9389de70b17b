/**
 * Sending limits of submitted mail and the suspension of a user's sending (tables of V20): the
 * limits administrators set per user and domain ({@link org.postroom.storage.limits.SendingLimitSettings})
 * over the server's ({@link org.postroom.storage.limits.SendingPolicy}), what each user sent per
 * clock hour, counted in the transaction that commits each message, and the refusals that suspend
 * sending ({@link org.postroom.storage.limits.SendingCounters}), and the suspensions in force, which
 * an administrator lifts ({@link org.postroom.storage.limits.Suspensions}). Depends on {@code
 * directory} for addresses.
 */
package org.postroom.storage.limits;

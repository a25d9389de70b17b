/**
 * The sending limits of authenticated submission and the suspension of a user's sending, over
 * storage's {@link org.postroom.storage.limits}: {@link org.postroom.smtp.inbound.limits.SendingControl}
 * is what the submission chain takes from here (its MAIL and RCPT hooks, the charge at the commit,
 * the spam rejections it counts), {@link org.postroom.smtp.inbound.limits.SuspensionNotices} tells
 * the domain's postmaster about a suspension.
 */
package org.postroom.smtp.inbound.limits;

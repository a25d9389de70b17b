/**
 * What both sides of SMTP read in a message itself, written once: its header section ({@link
 * org.postroom.smtp.message.MessageHeaders}) and its author ({@link
 * org.postroom.smtp.message.FromField}); and the one shape of the notices the server writes to
 * people itself ({@link org.postroom.smtp.message.ServerNotice}). Submission checks the From: field against the user with
 * the same reading that outbound delivery signs for, so the two can never disagree; the inbound
 * side reads it here without importing outbound delivery.
 */
package org.postroom.smtp.message;

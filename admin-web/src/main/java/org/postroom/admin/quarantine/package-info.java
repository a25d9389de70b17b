/**
 * The quarantine on the web: the administrators' page listing the messages the inbound checks held
 * back (received, sender, recipients, subject, reason, verdicts; all, or one domain's), a message's
 * header section and the start of its body as escaped text (never rendered), release and delete,
 * and the same as {@code /api/v1/quarantine}; and each mail user's own held mail on {@code
 * /account/quarantine} ({@link org.postroom.admin.quarantine.UserQuarantinePages}): only what was
 * held for them, read as text ({@link org.postroom.admin.quarantine.MessagePreview}), their own copy
 * released into their INBOX or deleted, their daily digest switched. All of it calls storage's
 * {@link org.postroom.storage.quarantine.Quarantine} and {@link
 * org.postroom.storage.quarantine.UserQuarantine} through {@link
 * org.postroom.admin.quarantine.QuarantineView} and {@link
 * org.postroom.admin.quarantine.QuarantineDecisions}, where every decision is logged once with who
 * made it (the place for what a decision should set off besides, such as teaching a spam filter).
 */
package org.postroom.admin.quarantine;

/**
 * The administrators' quarantine: the page listing the messages the inbound checks held back
 * (received, sender, recipients, subject, reason, verdicts), a message's header section and the
 * start of its body as escaped text (never rendered), release and delete, and the same as
 * {@code /api/v1/quarantine}. Both call storage's {@link org.postroom.storage.quarantine.Quarantine}
 * through {@link org.postroom.admin.quarantine.QuarantineView} and
 * {@link org.postroom.admin.quarantine.QuarantineDecisions}, so the console can do nothing the API
 * cannot.
 */
package org.postroom.admin.quarantine;

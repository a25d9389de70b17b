package org.postroom.admin.quarantine;

/**
 * One held message with what an administrator needs to decide on it: its header section and the
 * beginning of its body, both as text exactly as received (never rendered: an HTML part shows as
 * its source).
 *
 * @param header the header section, at most 64 KiB of it
 * @param body the first {@value QuarantineView#BODY_PREVIEW} bytes of the body, as UTF-8 text
 * @param bodyCut true when the body goes on beyond {@code body}
 */
public record HeldMessageDetail(HeldMessageView message, String header, String body, boolean bodyCut) {
}

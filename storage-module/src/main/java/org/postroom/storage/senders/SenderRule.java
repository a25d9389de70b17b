package org.postroom.storage.senders;

import java.time.Instant;

/**
 * One entry of a sender list as it is listed: {@code entry} in its canonical text (what removes it
 * again), and what it does.
 */
public record SenderRule(String entry, SenderAction action, Instant createdAt) {
}

package org.postroom.storage.limits;

import java.time.Instant;

/** A user's sending suspended since {@code suspendedAt}, for {@code reason}, until an administrator lifts it. */
public record Suspension(String address, Instant suspendedAt, SuspensionReason reason) {
}

package org.postroom.storage.limits;

/**
 * A message would take its user over {@link #limit}: thrown inside the transaction that was to
 * commit it, so that nothing of it is stored and it counts nothing.
 */
public final class LimitExceeded extends RuntimeException {

    private final SendingLimit limit;

    LimitExceeded(SendingLimit limit) {
        super("sending limit " + limit.key() + " reached", null, false, false);
        this.limit = limit;
    }

    public SendingLimit limit() {
        return limit;
    }
}

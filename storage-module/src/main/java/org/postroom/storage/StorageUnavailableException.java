package org.postroom.storage;

import java.sql.SQLException;

/**
 * The database could not do what was asked (unreachable, timed out, transaction failed).
 * Nothing of the failed call was committed; the caller may retry later.
 *
 * <p>Its message, which callers log, is what was being done and the driver's reason; Spring's
 * wrapper messages carry the statement's text, which is no use to an operator and may hold data.
 */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String context, Throwable cause) {
        super(context + ": " + reason(cause), cause);
    }

    /**
     * The failure {@code cause} is, for the caller: a {@link StorageFullException} when the first
     * SQLException in its chain has an SQLSTATE of class 53 (insufficient resources), any other
     * failure a plain StorageUnavailableException. Read once here, so no caller parses messages.
     */
    public static StorageUnavailableException of(String context, Throwable cause) {
        SQLException first = firstSqlException(cause);
        String state = first == null ? null : first.getSQLState();
        if (state != null && state.startsWith(StorageFullException.SQLSTATE_CLASS)) {
            return new StorageFullException(context, cause);
        }
        return new StorageUnavailableException(context, cause);
    }

    private static SQLException firstSqlException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** The first SQLException's message in the chain, or the deepest cause's. */
    private static String reason(Throwable failure) {
        SQLException first = firstSqlException(failure);
        if (first != null) {
            return first.getMessage();
        }
        Throwable deepest = failure;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        return deepest.getMessage();
    }
}

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

    /** The first SQLException's message in the chain, or the deepest cause's. */
    private static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return cause.getMessage();
            }
            deepest = cause;
        }
        return deepest.getMessage();
    }
}

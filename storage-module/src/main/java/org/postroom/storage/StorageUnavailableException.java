package org.postroom.storage;

/**
 * The database could not do what was asked (unreachable, timed out, transaction failed).
 * Nothing of the failed call was committed; the caller may retry later.
 */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String context, Throwable cause) {
        super(context + ": " + cause.getMessage(), cause);
    }
}

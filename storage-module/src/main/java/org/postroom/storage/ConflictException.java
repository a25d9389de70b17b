package org.postroom.storage;

/** The change contradicts what is stored: a duplicate name, or a domain that still has users. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

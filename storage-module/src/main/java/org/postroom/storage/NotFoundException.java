package org.postroom.storage;

/** The named domain, user, alias or queue entry does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}

package org.postroom.storage;

/** A name, address, password or limit that Postroom does not accept, with a message saying why. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}

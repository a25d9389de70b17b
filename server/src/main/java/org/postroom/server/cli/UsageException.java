package org.postroom.server.cli;

/** The command line is wrong: exit code 2 and the usage text. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}

package org.postroom.admin.domain;

import java.util.function.Supplier;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;

/**
 * Creating a user or an alias at a domain this server does not have is a mistake in the request
 * (400, and the console keeps the form), not a missing resource (404): storage reports it as
 * {@link NotFoundException}, the web says it as {@link InvalidInputException}.
 */
public final class UnknownDomain {

    private UnknownDomain() {
    }

    public static <T> T asInvalidInput(Supplier<T> creation) {
        try {
            return creation.get();
        } catch (NotFoundException unknownDomain) {
            throw new InvalidInputException(unknownDomain.getMessage());
        }
    }
}

package org.postroom.storage;

/**
 * The database could not do what was asked for want of resources: PostgreSQL's SQLSTATE class 53,
 * "insufficient resources" ({@code 53100} disk full, {@code 53200} out of memory, {@code 53300}
 * too many connections, {@code 53400} a configured limit). A {@link StorageUnavailableException}
 * like any other (nothing committed, retry later), set apart so the protocols can say why: SMTP
 * answers 452 4.3.1, "mail system full", instead of 451 4.3.0.
 */
public class StorageFullException extends StorageUnavailableException {

    /** PostgreSQL's SQLSTATE class "insufficient resources" (Appendix A of its manual). */
    static final String SQLSTATE_CLASS = "53";

    StorageFullException(String context, Throwable cause) {
        super(context, cause);
    }
}

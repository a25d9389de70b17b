package org.postroom.storage.directory;

/**
 * An app password just made: {@code password} is shown to the user once and is kept nowhere but
 * as its hash.
 */
public record NewAppPassword(AppPassword appPassword, String password) {

    /** Never shows the password, so that printing it cannot leak it. */
    @Override
    public String toString() {
        return "NewAppPassword[" + appPassword + "]";
    }
}

package org.postroom.storage.tokens;

/** A token just created, with its {@code value}: shown this once, never stored. */
public record NewApiToken(ApiToken token, String value) {

    /** Never shows the value, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "NewApiToken[" + token + "]";
    }
}

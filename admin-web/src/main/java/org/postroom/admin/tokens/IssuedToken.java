package org.postroom.admin.tokens;

/** A token just created, with its value: shown this once. */
public record IssuedToken(TokenView token, String value) {

    /** Never shows the value, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "IssuedToken[" + token + "]";
    }
}

package org.postroom.storage.audit;

/** Where a change or login came from. */
public enum AuditChannel {
    /** the administrators' web console */
    CONSOLE("console"),
    /** the REST API (HTTP Basic or a token) */
    API("api"),
    /** the command line, run by the server's operator */
    CLI("cli"),
    /** a mail user's account page */
    ACCOUNT("account"),
    /** the server itself (e.g. a suspension of sending) */
    SERVER("server");

    private final String key;

    AuditChannel(String key) {
        this.key = key;
    }

    /** The word stored and shown. */
    public String key() {
        return key;
    }

    /** @throws IllegalArgumentException for a word that names no channel */
    public static AuditChannel of(String key) {
        for (AuditChannel channel : values()) {
            if (channel.key.equals(key)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("no audit channel " + key);
    }
}

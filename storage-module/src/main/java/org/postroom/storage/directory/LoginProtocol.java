package org.postroom.storage.directory;

/** Where a login came in: the {@code protocol} tag of {@code postroom.auth.failures} and of the log line. */
public enum LoginProtocol {
    SMTP("smtp"), POP3("pop3"), WEB("web");

    private final String tag;

    LoginProtocol(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}

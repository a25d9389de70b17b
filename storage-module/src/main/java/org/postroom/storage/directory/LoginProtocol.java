package org.postroom.storage.directory;

/**
 * Where a login came in: the {@code protocol} tag of {@code postroom.auth.failures} and of the log
 * line. SMTP AUTH and POP3 are the mail protocols: there app passwords count, and there a user may
 * be required to use one; the web takes the account password (and a second factor) only.
 */
public enum LoginProtocol {
    SMTP("smtp", true), POP3("pop3", true), WEB("web", false);

    private final String tag;
    private final boolean mail;

    LoginProtocol(String tag, boolean mail) {
        this.tag = tag;
        this.mail = mail;
    }

    public String tag() {
        return tag;
    }

    /** True for the protocols of mail programs (SMTP AUTH, POP3), where app passwords count. */
    public boolean mail() {
        return mail;
    }
}

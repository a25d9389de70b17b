package org.postroom.smtp.rspamd;

/** What rspamd is taught a message is, and the controller's endpoint that teaches it. */
public enum Lesson {

    SPAM("/learnspam"),
    HAM("/learnham");

    private final String path;

    Lesson(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }
}

package org.postroom.admin.domain;

/** How a record the domain needs stands in DNS, with the word and badge tone the console shows. */
public enum RecordState {
    /** DNS has it as it should be. */
    PUBLISHED("Published", "ok"),
    /** DNS has nothing of its kind at the name. */
    MISSING("Missing", "danger"),
    /** DNS has a record of its kind at the name, with another value. */
    DIFFERENT("Different", "warn"),
    /** The lookup failed: not known. */
    UNKNOWN("Not known", "muted");

    private final String label;
    private final String tone;

    RecordState(String label, String tone) {
        this.label = label;
        this.tone = tone;
    }

    public String label() {
        return label;
    }

    public String tone() {
        return tone;
    }
}

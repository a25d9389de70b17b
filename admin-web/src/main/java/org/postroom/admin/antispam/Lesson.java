package org.postroom.admin.antispam;

import java.util.Locale;

import org.postroom.storage.InvalidInputException;

/** What the spam filter is taught a message is. */
public enum Lesson {

    SPAM,
    /** Not spam. */
    HAM;

    /** The word of the API and the forms: {@code spam}, {@code ham}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException for anything but {@code spam} or {@code ham} */
    public static Lesson of(String word) {
        if (word != null) {
            for (Lesson lesson : values()) {
                if (lesson.word().equalsIgnoreCase(word.strip())) {
                    return lesson;
                }
            }
        }
        throw new InvalidInputException("lesson must be spam or ham (not spam), not " + word);
    }
}

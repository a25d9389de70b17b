package org.postroom.admin.console;

/**
 * A page that asks before something is deleted for good (shared template {@code console/confirm}).
 *
 * @param question what is asked, e.g. "Delete the domain example.com?"
 * @param consequence what else goes with it
 * @param action where the confirming form posts
 * @param back where "Cancel" leads
 * @param forceLabel when not null, a checkbox of that label that sends {@code force=true}
 */
public record Confirmation(String title, String question, String consequence, String action, String back,
        String button, String forceLabel) {

    public static final String VIEW = "console/confirm";

    /** A confirmation without a force option. */
    public static Confirmation of(String title, String question, String consequence, String action, String back,
            String button) {
        return new Confirmation(title, question, consequence, action, back, button, null);
    }
}

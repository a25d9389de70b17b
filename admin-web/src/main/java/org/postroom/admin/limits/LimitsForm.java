package org.postroom.admin.limits;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.limits.SendingLimits;

/** The console's form of a user's or a domain's sending limits: each field a number, or empty for the next level's. */
record LimitsForm(String messagesPerHour, String messagesPerDay, String recipientsPerMessage, String recipientsPerDay) {

    /** @throws InvalidInputException naming the first field that is not a whole number of at least 1 */
    SendingLimits limits() {
        return new SendingLimits(number("Messages per hour", messagesPerHour), number("Messages per 24 hours", messagesPerDay),
                number("Recipients per message", recipientsPerMessage), number("Recipients per 24 hours", recipientsPerDay));
    }

    private static Integer number(String label, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new InvalidInputException(label + " must be a whole number of at least 1, or empty for the next level's"
                + " limit");
    }
}

package org.postroom.storage.limits;

import org.postroom.storage.InvalidInputException;

/**
 * The four sending limits as set at one level (a user, a domain, the server): each a number of at
 * least 1, or null where this level sets none (the next level's counts; the server's null means no
 * limit).
 */
public record SendingLimits(Integer messagesPerHour, Integer messagesPerDay, Integer recipientsPerMessage,
        Integer recipientsPerDay) {

    /** No limit set. */
    public static final SendingLimits NONE = new SendingLimits(null, null, null, null);

    /** @throws InvalidInputException naming the first limit below 1 */
    public SendingLimits {
        atLeastOne("messagesPerHour", messagesPerHour);
        atLeastOne("messagesPerDay", messagesPerDay);
        atLeastOne("recipientsPerMessage", recipientsPerMessage);
        atLeastOne("recipientsPerDay", recipientsPerDay);
    }

    /** Each limit of this level, or {@code fallback}'s where this level sets none. */
    public SendingLimits orElse(SendingLimits fallback) {
        return new SendingLimits(first(messagesPerHour, fallback.messagesPerHour),
                first(messagesPerDay, fallback.messagesPerDay),
                first(recipientsPerMessage, fallback.recipientsPerMessage),
                first(recipientsPerDay, fallback.recipientsPerDay));
    }

    /** The value of {@code limit}; null when none is set. */
    public Integer of(SendingLimit limit) {
        return switch (limit) {
            case MESSAGES_PER_HOUR -> messagesPerHour;
            case MESSAGES_PER_DAY -> messagesPerDay;
            case RECIPIENTS_PER_MESSAGE -> recipientsPerMessage;
            case RECIPIENTS_PER_DAY -> recipientsPerDay;
        };
    }

    /** True when {@code count} has reached {@code limit} (a limit not set is never reached). */
    public boolean reached(SendingLimit limit, long count) {
        Integer value = of(limit);
        return value != null && count >= value;
    }

    private static Integer first(Integer value, Integer fallback) {
        return value != null ? value : fallback;
    }

    private static void atLeastOne(String field, Integer value) {
        if (value != null && value < 1) {
            throw new InvalidInputException(field + " must be at least 1, or empty for the next level's limit");
        }
    }
}

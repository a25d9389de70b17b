package org.postroom.storage.limits;

/**
 * What a user sent, and how often they were refused, in the current clock hour and in the day (that
 * hour and the 23 before it), as committed so far by every process.
 *
 * @param limitHits submissions refused for a sending limit in the day
 * @param spamRejects submitted messages the spam filter rejected in the day
 */
public record SendingUsage(long messagesThisHour, long messagesToday, long recipientsToday, long limitHits,
        long spamRejects) {

    public static final SendingUsage NOTHING = new SendingUsage(0, 0, 0, 0, 0);

    /** The count {@code limit} is measured against; 0 for the recipients of one message (not a running count). */
    public long countOf(SendingLimit limit) {
        return switch (limit) {
            case MESSAGES_PER_HOUR -> messagesThisHour;
            case MESSAGES_PER_DAY -> messagesToday;
            case RECIPIENTS_PER_DAY -> recipientsToday;
            case RECIPIENTS_PER_MESSAGE -> 0;
        };
    }
}

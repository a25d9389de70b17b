package org.postroom.smtp.inbound;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The current time as RFC 5322 §3.3 writes it, for the Date and Received header fields. */
final class HeaderDate {

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private HeaderDate() {
    }

    static String now() {
        return RFC_5322.format(ZonedDateTime.now());
    }
}

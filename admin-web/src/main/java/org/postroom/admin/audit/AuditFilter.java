package org.postroom.admin.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.audit.AuditQuery;

/**
 * The audit log's filters as the API and the console take them: {@code from} and {@code until} are
 * an instant ({@code 2026-12-01T08:00:00Z}) or a day in UTC ({@code 2026-12-01}; as {@code until}
 * the whole day is included); empty ones match everything.
 */
record AuditFilter(String actor, String action, String domain, String from, String until) {

    /** The storage query, limited to {@code within} (null: every entry). @throws InvalidInputException for a bad time */
    AuditQuery query(Collection<String> within) {
        return new AuditQuery(actor, action, domain, time("from", from, false), time("until", until, true), within);
    }

    private static Instant time(String parameter, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(parameter + " is a day (2026-12-01) or an instant (2026-12-01T08:00:00Z)");
        }
    }
}

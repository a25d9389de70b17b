package org.postroom.admin.domain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One record the domain needs, with what DNS has for it (in JSON the record's fields beside the
 * state's).
 *
 * @param record what to publish
 * @param state how it stands
 * @param published what DNS has of its kind at its name (empty when missing or unknown)
 * @param note why the state is what it is, in a few words; null when published
 */
public record CheckedRecord(@JsonUnwrapped DnsRecord record, RecordState state, List<String> published, String note) {

    public CheckedRecord {
        published = List.copyOf(published);
    }
}

package org.postroom.admin.domain;

import java.util.List;

/** What DNS answered for one name and type. */
public sealed interface ZoneAnswer {

    /**
     * The records, as a zone file writes their data: host names with their final dot, a TXT
     * record's strings joined, unquoted; never empty.
     */
    record Records(List<String> values) implements ZoneAnswer {

        public Records {
            values = List.copyOf(values);
        }
    }

    /** The name does not exist, or has no records of the type. */
    record Nothing() implements ZoneAnswer {
    }

    /** The lookup failed (SERVFAIL, timeout): whether the record is published is not known. */
    record Failed(String reason) implements ZoneAnswer {
    }
}

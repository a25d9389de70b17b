package org.postroom.smtp.dns;

import java.util.List;

import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * The outcome of one DNS question, in the three kinds every check must tell apart (RFC 7208 §2.6,
 * RFC 6376 §6.1.2, RFC 7489 §6.6.3): records, a definite "none", or a failure that a later attempt
 * may not repeat.
 */
public sealed interface DnsAnswer {

    /** The records of the type asked for (CNAMEs followed); never empty. */
    record Found(List<Record> records) implements DnsAnswer {

        public Found {
            records = List.copyOf(records);
        }

        /** Each TXT record's text, its strings joined without a separator (RFC 7208 §3.3, RFC 6376 §3.6.2.2). */
        public List<String> texts() {
            return records.stream().filter(TXTRecord.class::isInstance)
                    .map(record -> String.join("", ((TXTRecord) record).getStrings())).toList();
        }
    }

    /**
     * A definite answer that there is nothing: {@code noSuchDomain} for NXDOMAIN, false for a name
     * that exists without records of that type (NODATA).
     */
    record None(boolean noSuchDomain) implements DnsAnswer {
    }

    /** SERVFAIL, a timeout, a network error: a temporary failure (temperror); {@code reason} says which. */
    record Failed(String reason) implements DnsAnswer {
    }
}

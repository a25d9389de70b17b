package org.postroom.smtp.dns;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
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

        /** The addresses of the A and AAAA records among them, in their order. */
        public List<InetAddress> addresses() {
            return records.stream().<InetAddress>mapMulti((record, addresses) -> {
                if (record instanceof ARecord a) {
                    addresses.accept(a.getAddress());
                } else if (record instanceof AAAARecord aaaa) {
                    addresses.accept(aaaa.getAddress());
                }
            }).toList();
        }

        /**
         * Each TXT record's text, its strings joined without a separator (RFC 7208 §3.3, RFC 6376
         * §3.6.2.2), byte for byte: dnsjava's text form would escape a quote, a backslash or a
         * non-ASCII byte, which then no longer reads as the record says.
         */
        public List<String> texts() {
            return records.stream().filter(TXTRecord.class::isInstance)
                    .map(record -> ((TXTRecord) record).getStringsAsByteArrays().stream()
                            .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).collect(Collectors.joining()))
                    .toList();
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

package org.postroom.smtp.outbound;

import java.util.List;

import org.postroom.smtp.reply.Diagnosis;

/** Where mail for a domain goes, as {@link NextHopResolver} found it. */
public sealed interface NextHops {

    /** Servers to try in this order; the next one on a connection failure or a 4xx. */
    record Hosts(List<NextHop> hosts) implements NextHops {
        public Hosts {
            hosts = List.copyOf(hosts);
        }
    }

    /** The domain takes no mail (no such domain, null MX): fail at once. */
    record NoMail(Diagnosis diagnosis) implements NextHops {
    }

    /** DNS could not answer now (timeout, SERVFAIL): try again later. */
    record Unresolved(Diagnosis diagnosis) implements NextHops {
    }
}

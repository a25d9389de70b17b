package org.postroom.smtp.outbound;

import java.util.List;

import org.postroom.smtp.reply.Diagnosis;

/** Where mail for a domain goes, as {@link NextHopResolver} found it. */
public sealed interface NextHops {

    /**
     * Servers to try in this order; the next one on a connection failure or a 4xx.
     *
     * @param findings what an MTA-STS policy in testing mode would have refused (RFC 8461 §5), for
     *        the log; empty otherwise
     */
    record Hosts(List<NextHop> hosts, List<String> findings) implements NextHops {
        public Hosts {
            hosts = List.copyOf(hosts);
            findings = List.copyOf(findings);
        }

        public Hosts(List<NextHop> hosts) {
            this(hosts, List.of());
        }
    }

    /** The domain takes no mail (no such domain, null MX): fail at once. */
    record NoMail(Diagnosis diagnosis) implements NextHops {
    }

    /**
     * Not to be delivered now: DNS could not answer (timeout, SERVFAIL), or an MTA-STS policy in
     * enforce mode allows none of the MX hosts. Try again later.
     */
    record Unresolved(Diagnosis diagnosis) implements NextHops {
    }
}

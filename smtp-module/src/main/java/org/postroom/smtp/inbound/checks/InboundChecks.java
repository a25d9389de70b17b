package org.postroom.smtp.inbound.checks;

import java.util.List;

import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.senders.TrustedForwarders;
import org.postroom.storage.directory.MailDirectory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The authentication of mail received on port 25, as the MX chain runs it: a DATA line filter
 * that removes Authentication-Results fields forged in our name, and, at the end of DATA, the
 * checks in order: SPF, DKIM, the own-domain rule, DMARC. Their findings ({@link
 * MessageAuthentication}) go with the message into storage. Submission is never checked this way.
 */
public final class InboundChecks {

    private final List<DataLineFilter> headerFilters;
    private final List<MessageHook> messageChecks;

    private InboundChecks(List<DataLineFilter> headerFilters, List<MessageHook> messageChecks) {
        this.headerFilters = List.copyOf(headerFilters);
        this.messageChecks = List.copyOf(messageChecks);
    }

    /**
     * Every check, with DNS through {@code dns}, our domains from {@code directory}, and the
     * clients whose DMARC failures are delivered from {@code forwarders}; {@code hostname} is the
     * authserv-id of the Authentication-Results field.
     */
    public static InboundChecks on(String hostname, DnsResolver dns, MailDirectory directory,
            TrustedForwarders forwarders, MeterRegistry meters) {
        CheckMeters counters = new CheckMeters(meters);
        return new InboundChecks(List.of(new AuthenticationResultsFilter(hostname)), List.of(
                new SpfCheck(new SpfEvaluation(dns, hostname), counters),
                new DkimCheck(dns, counters),
                new OwnDomainCheck(directory),
                new DmarcCheck(dns, forwarders, counters)));
    }

    /**
     * No checks ({@code postroom.checks.enabled=false}, behind a filtering gateway): only the
     * forged Authentication-Results fields are still removed.
     */
    public static InboundChecks off(String hostname) {
        return new InboundChecks(List.of(new AuthenticationResultsFilter(hostname)), List.of());
    }

    /** The DATA line filters, to run after the Received field is added. */
    public List<DataLineFilter> headerFilters() {
        return headerFilters;
    }

    /** The checks of the whole message, to run before it is stored. */
    public List<MessageHook> messageChecks() {
        return messageChecks;
    }
}

package org.postroom.smtp.inbound.spam;

import java.time.Clock;
import java.util.List;

import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.smtp.rspamd.RspamdScanner;
import org.postroom.storage.spam.SpamPolicies;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The spam filter as the SMTP chains take it: one {@link SpamCheck} for port 25 and one for
 * submission, or none at all ({@link #off}, rspamd not configured).
 */
public final class SpamFilter {

    private final List<MessageHook> mx;
    private final List<MessageHook> submission;

    private SpamFilter(List<MessageHook> mx, List<MessageHook> submission) {
        this.mx = List.copyOf(mx);
        this.submission = List.copyOf(submission);
    }

    /** No spam filter: messages are neither scanned nor marked. */
    public static SpamFilter off() {
        return new SpamFilter(List.of(), List.of());
    }

    /**
     * Every message up to {@code maxSize} bytes scanned by {@code scanner}; {@code failMode} when
     * rspamd cannot be asked; the domains' {@code policies} for spam on port 25.
     */
    public static SpamFilter rspamd(RspamdScanner scanner, long maxSize, FailMode failMode, SpamPolicies policies,
            MeterRegistry meters) {
        SpamMeters counters = new SpamMeters(meters);
        FailureLog failures = new FailureLog(Clock.systemUTC());
        return new SpamFilter(
                List.of(new SpamCheck(scanner, maxSize, failMode, policies, counters, failures, true)),
                List.of(new SpamCheck(scanner, maxSize, failMode, policies, counters, failures, false)));
    }

    /** The check of messages received on port 25, to run after the authentication checks. */
    public List<MessageHook> mx() {
        return mx;
    }

    /** The check of submitted messages, to run after the From: field's. */
    public List<MessageHook> submission() {
        return submission;
    }
}

package org.postroom.smtp.inbound.greylist;

import java.time.Clock;
import java.util.List;

import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.inbound.checks.SpfEvaluation;
import org.postroom.storage.greylist.Greylist;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Greylisting as the MX chain takes it: when on, the hook asked about each recipient before it is
 * accepted; when off ({@code postroom.antispam.greylisting.enabled=false}, the default), none.
 */
public final class Greylisting {

    private final List<RcptHook> beforeAccepting;

    private Greylisting(List<RcptHook> beforeAccepting) {
        this.beforeAccepting = List.copyOf(beforeAccepting);
    }

    /**
     * Greylisting over {@code greylist} at the time of {@code clock}, with {@code spf} for the
     * clients of domains that passed before, counting into {@code meters}.
     */
    public static Greylisting on(Greylist greylist, SpfEvaluation spf, Clock clock, MeterRegistry meters) {
        return new Greylisting(List.of(new GreylistHook(greylist, spf, clock, meters)));
    }

    public static Greylisting off() {
        return new Greylisting(List.of());
    }

    /** The hooks that decide a deliverable recipient before it is accepted: the greylist's, or none. */
    public List<RcptHook> beforeAccepting() {
        return beforeAccepting;
    }
}

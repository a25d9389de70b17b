package org.postroom.smtp.inbound.checks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The checks' counters: {@code postroom.smtp.authentication} (tags {@code method}: spf, dkim,
 * dmarc; {@code result}: the Authentication-Results word, temperror among them) and {@code
 * postroom.smtp.dmarc.dispositions} (tag {@code disposition}: the one taken, none, quarantine, defer,
 * reject, or trusted-forwarder and allow-listed where one of them spared a failing message).
 * Refusals are counted besides, by reason, in {@code postroom.smtp.refusals}.
 */
final class CheckMeters {

    private final MeterRegistry registry;

    CheckMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void checked(String method, String result) {
        Counter.builder("postroom.smtp.authentication").description("results of SPF, DKIM and DMARC checks on port 25")
                .tag("method", method).tag("result", result).register(registry).increment();
    }

    void disposed(String disposition) {
        Counter.builder("postroom.smtp.dmarc.dispositions")
                .description("what the DMARC policies of received messages' author domains made of them")
                .tag("disposition", disposition).register(registry).increment();
    }
}

package org.postroom.server.monitoring;

import java.util.List;

import org.postroom.listener.ProtocolListener;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** {@code postroom.listener.connections}: the connections open right now on each mail listener. */
public final class ListenerGauges implements MeterBinder {

    private final List<ProtocolListener> listeners;

    public ListenerGauges(List<ProtocolListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ProtocolListener listener : listeners) {
            Gauge.builder("postroom.listener.connections", listener, ProtocolListener::openConnections)
                    .description("connections open right now").tag("listener", listener.name())
                    .baseUnit("connections").register(registry);
        }
    }
}

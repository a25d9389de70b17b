package org.postroom.server.monitoring;

import java.util.List;

import org.postroom.listener.ProtocolListener;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP when every mail listener is bound, DOWN as soon as one is not (not yet started, stopping, or
 * stopped): a Postroom that cannot take mail on all its ports must not get traffic. Part of the
 * readiness group; the details name each listener with its port, or "not bound".
 */
public final class MailListenersHealth implements HealthIndicator {

    private final List<ProtocolListener> listeners;

    public MailListenersHealth(List<ProtocolListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (ProtocolListener listener : listeners) {
            if (listener.isBound()) {
                health.withDetail(listener.name(), listener.port());
            } else {
                health.down().withDetail(listener.name(), "not bound");
            }
        }
        return health.build();
    }
}

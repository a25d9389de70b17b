package org.postroom.server.cli;

import java.util.function.Supplier;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The storage services of the configured database. Their Spring context starts at the first
 * {@link #get}, after the command line was parsed and checked, and a command that asks for no
 * service (help) never starts it.
 */
final class Services implements AutoCloseable {

    private final Supplier<ConfigurableApplicationContext> starter;
    private ConfigurableApplicationContext context;

    Services(Supplier<ConfigurableApplicationContext> starter) {
        this.starter = starter;
    }

    <T> T get(Class<T> type) {
        if (context == null) {
            context = starter.get();
        }
        return context.getBean(type);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}

package org.postroom.listener;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Names a listener's threads {@code <listener>-<role>-<n>} (e.g. {@code smtp-mx-hooks-3}), so a
 * thread dump or a log line says which listener and which pool it belongs to, and a test can count
 * them. Netty's thread-local fast path needs {@link FastThreadLocalThread}s.
 */
final class ListenerThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    ListenerThreadFactory(String listener, String role) {
        this.prefix = listener + "-" + role + "-";
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new FastThreadLocalThread(task, prefix + count.incrementAndGet());
        thread.setDaemon(false);
        return thread;
    }
}

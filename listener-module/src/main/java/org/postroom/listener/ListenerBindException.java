package org.postroom.listener;

import java.net.InetSocketAddress;

/**
 * A listener could not bind its address, typically because another process holds the port or the
 * process may not bind privileged ports. By the time it is thrown the listener has released every
 * thread and socket it had taken, so the caller may retry or exit cleanly.
 */
public class ListenerBindException extends RuntimeException {

    public ListenerBindException(String listener, InetSocketAddress address, Throwable cause) {
        super("cannot listen on " + address.getHostString() + ":" + address.getPort() + " for " + listener
                + ": " + cause.getMessage(), cause);
    }
}

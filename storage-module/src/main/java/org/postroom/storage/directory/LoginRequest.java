package org.postroom.storage.directory;

import java.net.InetAddress;

/**
 * One login as {@link Credentials} see it: over which protocol, from which client, with which login
 * and secret (null when the client sent none).
 */
public record LoginRequest(LoginProtocol protocol, InetAddress client, String login, String secret) {

    /** Never shows the secret, so that printing a request cannot leak it. */
    @Override
    public String toString() {
        return "LoginRequest[" + protocol.tag() + " " + client.getHostAddress() + "]";
    }
}

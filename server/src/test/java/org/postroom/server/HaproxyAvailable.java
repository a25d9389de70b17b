package org.postroom.server;

import java.nio.file.Path;

/** Debian's {@code haproxy}, the TCP load balancer in front of the mail ports. */
public final class HaproxyAvailable extends InstalledProgram {

    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    public HaproxyAvailable() {
        super("haproxy", HAPROXY);
    }
}

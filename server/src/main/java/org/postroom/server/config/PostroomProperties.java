package org.postroom.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The server as a whole.
 *
 * @param hostname the name in SMTP banners, HELO/EHLO and Received headers, and the host mail
 *        clients are told to use; defaults to this machine's name
 * @param dataDir where the embedded PostgreSQL and generated TLS material live
 */
@ConfigurationProperties("postroom")
public record PostroomProperties(String hostname, @DefaultValue("./data") Path dataDir) {

    public PostroomProperties {
        if (hostname == null || hostname.isBlank()) {
            hostname = machineName();
        }
        if (!hostname.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("postroom.hostname must be a host name, not '" + hostname + "'");
        }
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

package org.postroom.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * The server as a whole.
 *
 * @param hostname the name in SMTP banners, HELO/EHLO and Received headers, and the host mail
 *        clients are told to use; defaults to this machine's name
 * @param dataDir where the embedded PostgreSQL and generated TLS material live
 */
@ConfigurationProperties("postroom")
@Validated
public record PostroomProperties(@Pattern(regexp = "[A-Za-z0-9.-]+", message = "must be a host name") String hostname,
        @DefaultValue("./data") Path dataDir) {

    public PostroomProperties {
        if (hostname == null || hostname.isBlank()) {
            hostname = machineName();
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

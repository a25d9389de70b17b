package org.postroom.server.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the server stops (SIGTERM from {@code docker stop}, systemd or Kubernetes).
 *
 * @param grace how long work in progress may take to finish once the server stopped accepting
 *        connections: SMTP transactions committing their message, POP3 QUIT removing messages,
 *        delivery attempts, web requests; all of them stop in parallel within this one bound, then
 *        whatever is left is cut off (a client that saw no 250 sends its message again). Keep it
 *        below the stop timeout of the container runtime (compose: {@code stop_grace_period}),
 *        which kills the process outright after that.
 */
@ConfigurationProperties("postroom.shutdown")
public record ShutdownProperties(@DefaultValue("20s") Duration grace) {

    /** Far longer than any commit should take; a longer grace only delays restarts. */
    public static final Duration MAX_GRACE = Duration.ofMinutes(10);

    public ShutdownProperties {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("postroom.shutdown.grace must be between 0s and 10m, not " + grace);
        }
    }
}

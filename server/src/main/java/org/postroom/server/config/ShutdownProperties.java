package org.postroom.server.config;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
public record ShutdownProperties(
        // at most far longer than any commit should take: a longer grace only delays restarts
        @DefaultValue("20s") @DurationMin(nanos = 0, message = "must be between 0s and 10m")
        @DurationMax(minutes = 10, message = "must be between 0s and 10m") Duration grace) {
}

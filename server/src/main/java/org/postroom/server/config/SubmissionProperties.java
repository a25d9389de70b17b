package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Message submission with STARTTLS (RFC 6409), where the users' mail clients send from; its limits
 * are those of {@link SmtpProperties}.
 *
 * @param port the submission port (0 picks a free port)
 */
@ConfigurationProperties("postroom.submission")
public record SubmissionProperties(@DefaultValue("587") int port) {

    public SubmissionProperties {
        Ports.requireValid("postroom.submission.port", port);
    }
}

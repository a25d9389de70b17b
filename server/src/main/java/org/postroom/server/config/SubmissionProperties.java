package org.postroom.server.config;

import org.postroom.smtp.SmtpStandard;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Message submission with STARTTLS (RFC 6409), where the users' mail clients send from; its limits
 * are those of {@link SmtpProperties}.
 *
 * @param port the submission port (0 picks a free port)
 */
@ConfigurationProperties("postroom.submission")
@Validated
public record SubmissionProperties(@DefaultValue("" + SmtpStandard.SUBMISSION_PORT) @Port int port) {
}

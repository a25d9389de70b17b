package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The authentication of mail received on port 25: SPF, DKIM, DMARC and the rule that our own
 * domains cannot be used from outside, with an Authentication-Results field on every message.
 *
 * @param enabled on by default; off only behind a gateway that checks mail before it reaches
 *        Postroom (forged Authentication-Results fields naming this server are removed either way)
 */
@ConfigurationProperties("postroom.checks")
@Validated
public record ChecksProperties(@DefaultValue("true") boolean enabled) {
}

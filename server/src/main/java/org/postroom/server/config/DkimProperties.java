package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * DKIM signing of outgoing mail.
 *
 * @param selector the selector new domains' keys are published under ({@code <selector>._domainkey.<domain>})
 */
@ConfigurationProperties("postroom.dkim")
@Validated
public record DkimProperties(
        @DefaultValue("postroom") @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", message = "must be one DNS label")
        String selector) {
}

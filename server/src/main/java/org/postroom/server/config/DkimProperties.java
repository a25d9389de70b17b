package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DKIM signing of outgoing mail.
 *
 * @param selector the selector new domains' keys are published under ({@code <selector>._domainkey.<domain>})
 */
@ConfigurationProperties("postroom.dkim")
public record DkimProperties(@DefaultValue("postroom") String selector) {

    public DkimProperties {
        if (!selector.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("postroom.dkim.selector must be one DNS label, not '" + selector + "'");
        }
    }
}

package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The REST API's logins besides administrators' API tokens, which it always takes.
 *
 * @param basicEnabled whether an administrator's name and password over HTTP Basic open the API too
 *        (default true); false once every script has a token, so that a leaked password opens
 *        nothing without the console's second factor
 */
@ConfigurationProperties("postroom.api")
public record ApiProperties(@DefaultValue("true") boolean basicEnabled) {
}

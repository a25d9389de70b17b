package org.postroom.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.postroom.smtp.inbound.spam.FailMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The spam filter: rspamd, asked about every message received on port 25 and every submitted one.
 *
 * @param url rspamd's normal worker ({@code http://rspamd:11333}), whose {@code /checkv2} scans;
 *        empty (the default): no spam filter
 * @param maxSize larger messages are delivered unscanned (counted); rspamd's own limit is 50 MB
 * @param timeout the most one scan may take, from connecting to the last byte of the answer (1s to 5m)
 * @param fail what happens to a message while rspamd cannot be asked or is slower than the
 *        timeout: {@code open} delivers it unscanned, {@code closed} answers 451 4.7.0 so the
 *        sender retries
 * @param controllerUrl rspamd's controller worker ({@code http://rspamd:11334}), which learns what
 *        administrators and users mark as spam or not spam ({@code /learnspam}, {@code /learnham});
 *        empty: no learning
 * @param password the controller's enable password, sent in its {@code Password} header; empty:
 *        none (rspamd asks none from its {@code secure_ip} addresses, loopback by default)
 */
@ConfigurationProperties("postroom.antispam.rspamd")
@Validated
public record RspamdProperties(@DefaultValue("") String url, @DefaultValue("10MB") DataSize maxSize,
        @DefaultValue("10s") @DurationMin(seconds = 1, message = "must be between 1s and 5m")
        @DurationMax(minutes = 5, message = "must be between 1s and 5m") Duration timeout,
        @DefaultValue("open") FailMode fail, @DefaultValue("") String controllerUrl,
        @DefaultValue("") String password) {

    public RspamdProperties {
        url = url.strip();
        controllerUrl = controllerUrl.strip();
        endpoint("postroom.antispam.rspamd.url", url);
        endpoint("postroom.antispam.rspamd.controller-url", controllerUrl);
        if (maxSize.toBytes() < 1024) {
            throw new IllegalArgumentException("postroom.antispam.rspamd.max-size must be at least 1KB, not " + maxSize);
        }
        if (url.isEmpty() && !controllerUrl.isEmpty()) {
            throw new IllegalArgumentException("postroom.antispam.rspamd.controller-url is set but"
                    + " postroom.antispam.rspamd.url is not: rspamd learns only where it also scans");
        }
    }

    /** True when a spam filter is configured. */
    public boolean enabled() {
        return !url.isEmpty();
    }

    /** The normal worker; null when no spam filter is configured. */
    public URI scanUrl() {
        return url.isEmpty() ? null : URI.create(url);
    }

    /** The controller worker; null when nothing is to be learned. */
    public URI learnUrl() {
        return controllerUrl.isEmpty() ? null : URI.create(controllerUrl);
    }

    /** Never shows the password, so that printing the configuration cannot leak it. */
    @Override
    public String toString() {
        return "RspamdProperties[url=" + url + ", maxSize=" + maxSize + ", timeout=" + timeout + ", fail="
                + fail.name().toLowerCase(Locale.ROOT) + ", controllerUrl=" + controllerUrl + ", password="
                + (password.isEmpty() ? "unset" : "(set)") + "]";
    }

    /** {@code value} of {@code property}: empty, or an http(s) URL of a host without path, query or login. */
    private static void endpoint(String property, String value) {
        if (value.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (uri.getRawUserInfo() != null) {
                // not echoed: it may hold a password
                throw new IllegalArgumentException(property + " must not carry a login; the controller's password is"
                        + " postroom.antispam.rspamd.password");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException(property + " must be an http:// or https:// URL with a host, like"
                        + " http://rspamd:11333, not '" + value + "'");
            }
            if (uri.getQuery() != null || uri.getFragment() != null
                    || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
                throw new IllegalArgumentException(property + " must name the worker only (scheme, host, port), not '"
                        + value + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(property + " is not a URL: '" + value + "'", e);
        }
    }
}

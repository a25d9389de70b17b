package org.postroom.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import org.postroom.storage.directory.NetworkRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP port (console, API, account page) behind a reverse proxy.
 *
 * @param trustedProxies CIDR blocks (or single addresses) of the reverse proxies whose {@code
 *        X-Forwarded-For} / {@code -Proto} / {@code -Host} / {@code -Port} headers are believed;
 *        empty (the default): nobody's are, the client is the connection's address
 * @param publicUrl where people reach the console and the account page, as the links in mail the
 *        server writes to them (the quarantine digest) show it: an {@code http} or {@code https}
 *        URL with a host, perhaps a path, no query; empty (the default): {@code
 *        https://<postroom.hostname>}
 */
@ConfigurationProperties("postroom.web")
public record WebProperties(@DefaultValue List<String> trustedProxies, @DefaultValue("") String publicUrl) {

    public WebProperties {
        trustedProxies = List.copyOf(trustedProxies);
        trustedProxyRanges(trustedProxies);
        publicUrl = publicUrl == null ? "" : publicUrl;
        if (!publicUrl.isBlank()) {
            baseUrl(publicUrl);
        }
    }

    /** The trusted proxies, parsed. */
    public List<NetworkRange> trustedProxyRanges() {
        return trustedProxyRanges(trustedProxies);
    }

    /**
     * The address of the page at {@code path} (e.g. {@code /account/quarantine}) under the public
     * URL, or under {@code https://<hostname>} when none is set.
     */
    public URI page(String hostname, String path) {
        String base = publicUrl.isBlank() ? "https://" + hostname : baseUrl(publicUrl);
        return URI.create(base + path);
    }

    /** The public URL without a trailing slash, checked. */
    private static String baseUrl(String publicUrl) {
        String problem = "postroom.web.public-url must be an http or https URL with a host and no query, like "
                + "https://mail.example.com, not '" + publicUrl + "'";
        URI uri;
        try {
            uri = new URI(publicUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(problem);
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static List<NetworkRange> trustedProxyRanges(List<String> proxies) {
        return NetworkRanges.parse("postroom.web.trusted-proxies", proxies);
    }
}

package org.postroom.admin.security;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import org.postroom.storage.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a request that changes something through the API when a browser says another site sent
 * it. The API takes HTTP Basic and has no CSRF token, and a browser that once asked its user for
 * those credentials sends them again with every request to this server, also with a form that
 * another site submits; without this check such a form could delete a queue entry or more.
 *
 * <p>What counts as cross-site is what the browser tells: {@code Sec-Fetch-Site} ({@code
 * cross-site} or {@code same-site}, the Fetch Metadata standard, sent by every current browser),
 * or else an {@code Origin} that is not this server's own. Scripts and command-line clients send
 * neither header and are not affected; safe methods (GET, HEAD, OPTIONS) change nothing and pass.
 */
final class CrossSiteApiRequests extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CrossSiteApiRequests.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod()) || !comesFromAnotherSite(request)) {
            chain.doFilter(request, response);
            return;
        }
        log.info("API request {} {} from {} refused: sent by a page of another site (origin {})",
                Printable.of(request.getMethod()), Printable.of(request.getRequestURI()), request.getRemoteAddr(),
                Printable.of(String.valueOf(request.getHeader("Origin"))));
        ApiAuthenticationProblems.write(response, HttpStatus.FORBIDDEN, "a page of another site sent this request; "
                + "the API makes changes only for scripts and this server's own pages");
    }

    static boolean comesFromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            // same-origin, or none (typed into the address bar, a bookmark): the browser vouches for it
            return OTHER_SITES.contains(site.toLowerCase(Locale.ROOT));
        }
        String origin = request.getHeader("Origin");
        return origin != null && !origin.equalsIgnoreCase(ownOrigin(request));
    }

    /**
     * This server as the browser sees it (RFC 6454 §6.1): behind a trusted proxy, scheme, host and
     * port are what the proxy forwarded ({@link TrustedProxies}).
     */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}

package org.postroom.admin.https;

import java.io.IOException;
import java.util.List;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTPS where people sign in, and HSTS where it holds, before anything else sees the request:
 * <ul>
 * <li>With the console's own HTTPS port, a plain-HTTP request is redirected there (301 for GET and
 * HEAD, 308 for the rest, so a form's POST stays a POST) — except the ACME CA's challenge (RFC 8555
 * §8.3 asks over HTTP), mail-client autoconfiguration (Thunderbird tries HTTP first, and reads
 * nothing secret) and the health probes (load balancers and the compose healthcheck speak HTTP).
 * A request that came over HTTPS to a trusted reverse proxy counts as HTTPS.
 * <li>{@code Strict-Transport-Security} (RFC 6797) on HTTPS responses, unless the console's own
 * port presents a self-signed certificate: a browser told to insist on HTTPS would then refuse
 * the site outright instead of letting the administrator accept the certificate.
 * </ul>
 * The session cookie is {@code Secure} on HTTPS requests (the servlet container's rule), so with
 * the redirect every session is.
 */
public final class TransportSecurity extends OncePerRequestFilter {

    /** A year, subdomains included: what Spring Security sent before this filter wrote the header. */
    static final String HSTS = "max-age=31536000 ; includeSubDomains";

    /** Paths answered over plain HTTP too. */
    private static final List<String> PLAIN_HTTP_PREFIXES = List.of(AcmeChallengeAnswers.PATH, "/.well-known/autoconfig/",
            "/mail/config-v1.1.xml", "/autodiscover/", "/Autodiscover/", "/actuator/health");
    /** Set by the servlet container on a request that arrived over TLS on its own connector. */
    private static final String CIPHER_SUITE = "jakarta.servlet.request.cipher_suite";

    private final HttpsPort https;

    /** {@code https}: the console's own HTTPS port; null when it has none (a reverse proxy does HTTPS). */
    public TransportSecurity(HttpsPort https) {
        this.https = https;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.isSecure()) {
            boolean ownTls = request.getAttribute(CIPHER_SUITE) != null;
            if (!ownTls || https == null || https.trustedCertificate()) {
                response.setHeader("Strict-Transport-Security", HSTS);
            }
        } else if (https != null && !answeredOverPlainHttp(request.getRequestURI())) {
            redirect(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean answeredOverPlainHttp(String path) {
        return PLAIN_HTTP_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private void redirect(HttpServletRequest request, HttpServletResponse response) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = https.port();
        String location = "https://" + host + (port == 443 ? "" : ":" + port) + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        boolean safe = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        response.setStatus(safe ? HttpServletResponse.SC_MOVED_PERMANENTLY : 308);
        response.setHeader("Location", location);
    }
}

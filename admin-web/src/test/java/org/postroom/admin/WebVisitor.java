package org.postroom.admin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the running application over real HTTP: JSON API calls with or without HTTP Basic,
 * and a browser-like session (cookies kept, redirects not followed, so tests see them) for the
 * console's forms.
 */
public final class WebVisitor {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private final String authorization;
    private final List<String> extraHeaders;

    private WebVisitor(String base, String authorization) {
        this(base, HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build(),
                authorization, List.of());
    }

    private WebVisitor(String base, HttpClient client, String authorization, List<String> extraHeaders) {
        this.base = base;
        this.client = client;
        this.authorization = authorization;
        this.extraHeaders = extraHeaders;
    }

    /**
     * The same client (same cookies) sending these headers too with every request, as a browser
     * does ({@code Origin}) or a reverse proxy adds them ({@code X-Forwarded-For}).
     */
    public WebVisitor withHeaders(String... namesAndValues) {
        List<String> headers = new ArrayList<>(extraHeaders);
        headers.addAll(List.of(namesAndValues));
        return new WebVisitor(base, client, authorization, List.copyOf(headers));
    }

    /** A client that sends no credentials. */
    public static WebVisitor anonymous(int port) {
        return new WebVisitor("http://127.0.0.1:" + port, null);
    }

    /** A client that sends HTTP Basic credentials with every request. */
    public static WebVisitor basic(int port, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new WebVisitor("http://127.0.0.1:" + port, "Basic " + token);
    }

    /** A client that sends an API token ({@code Authorization: Bearer}) with every request. */
    public static WebVisitor bearer(int port, String token) {
        return new WebVisitor("http://127.0.0.1:" + port, "Bearer " + token);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> patchJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a form as a browser would, with the CSRF token of the page at {@code formPage}. */
    public HttpResponse<String> submitForm(String formPage, String action, String... fields) {
        String page = get(formPage).body();
        Matcher token = CSRF.matcher(page);
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + formPage);
        }
        StringBuilder body = new StringBuilder("_csrf=").append(encode(token.group(1)));
        for (int i = 0; i < fields.length; i += 2) {
            body.append('&').append(encode(fields[i])).append('=').append(encode(fields[i + 1]));
        }
        return send(request(action).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Referer", base + formPage).POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** The page a form's answer redirects to (its fragment dropped), as the browser then shows it, flash message and all. */
    public String redirectedPage(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no redirect: " + response.statusCode()));
        return get(location.replaceFirst("^https?://[^/]+", "").replaceFirst("#.*", "")).body();
    }

    /** Logs in to the console's form (as a browser: the login page first, for its CSRF token). */
    public HttpResponse<String> logInToConsole(String user, String password) {
        return submitForm("/login", "/login", "username", user, "password", password);
    }

    /** Logs in to the account page's form as a mail user. */
    public HttpResponse<String> logInToAccount(String address, String password) {
        return submitForm("/account/login", "/account/login", "address", address, "password", password);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        for (int i = 0; i < extraHeaders.size(); i += 2) {
            builder.header(extraHeaders.get(i), extraHeaders.get(i + 1));
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("HTTP request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

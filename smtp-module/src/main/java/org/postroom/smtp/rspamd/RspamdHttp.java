package org.postroom.smtp.rspamd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One POST of a message to rspamd over HTTP/1.1 (rspamd speaks no HTTP/2), with the JDK's
 * HttpClient, bounded by one timeout from the connect to the last byte of the answer: a slow or
 * silent rspamd costs at most that, never a hung SMTP session. Called on the SMTP listener's hook
 * threads or a web request's thread, never on a Netty I/O thread; the client's own threads do the
 * I/O meanwhile.
 */
final class RspamdHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration timeout;

    RspamdHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** POSTs {@code body} to {@code uri} with {@code headers}, and returns the status and the answer's text. */
    Answer post(URI uri, List<Map.Entry<String, String>> headers, MessageBody body) throws RspamdException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(body.size() > 0 ? HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> open(body)), body.size())
                        : HttpRequest.BodyPublishers.noBody());
        headers.forEach(header -> request.header(header.getKey(), header.getValue()));
        CompletableFuture<HttpResponse<String>> sent = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw silent(uri);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpConnectTimeoutException) {
                throw new RspamdException("could not connect to " + endpoint(uri) + " within " + timeout.toMillis()
                        + " ms");
            }
            if (e.getCause() instanceof HttpTimeoutException) {
                throw silent(uri);
            }
            throw new RspamdException(endpoint(uri) + ": " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            throw new RspamdException("interrupted while asking " + endpoint(uri), e);
        }
    }

    /** The answer's text as JSON. */
    static JsonNode json(Answer answer, URI uri) throws RspamdException {
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw new RspamdException(endpoint(uri) + " answered something that is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new RspamdException(endpoint(uri) + " answered something that is not JSON: " + e.getOriginalMessage());
        }
    }

    /** The text of a JSON string member, or "" when it is missing or not a string. */
    static String text(JsonNode node, String name) {
        JsonNode member = node.path(name);
        return member.isString() ? member.stringValue() : "";
    }

    /** {@code uri} without its user info, for a log line. */
    static String endpoint(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getPath();
    }

    private RspamdException silent(URI uri) {
        return new RspamdException("no answer from " + endpoint(uri) + " within " + timeout.toMillis() + " ms");
    }

    private static InputStream open(MessageBody body) {
        try {
            return body.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** An HTTP answer: its status code and its body as text. */
    record Answer(int status, String body) {
    }
}

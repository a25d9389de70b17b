package org.postroom.smtp.rspamd;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.postroom.smtp.rspamd.LearnResult.Outcome;
import org.postroom.smtp.rspamd.RspamdHttp.Answer;
import org.postroom.storage.Printable;

import tools.jackson.databind.JsonNode;

/**
 * Teaches rspamd through its controller worker (not the normal worker, which answers learn
 * commands with an error): {@code POST /learnspam} or {@code /learnham} with the message as the
 * body and the controller's enable password, if one is set, in a {@code Password} header. rspamd's
 * Bayes classifier keeps what it learned in Redis; without Redis it declines (HTTP 204).
 */
public final class RspamdController {

    private final URI url;
    private final String password;
    private final RspamdHttp http;

    /**
     * {@code url}: the controller, e.g. {@code http://rspamd:11334}; {@code password}: its enable
     * password, "" to send none (rspamd asks none from the addresses of its {@code secure_ip}).
     */
    public RspamdController(URI url, String password, Duration timeout) {
        this.url = url;
        this.password = password;
        this.http = new RspamdHttp(timeout);
    }

    /** Teaches rspamd that {@code message} is {@code lesson}; never throws for what rspamd does or fails to do. */
    public LearnResult learn(Lesson lesson, MessageBody message) {
        URI endpoint = url.resolve(lesson.path());
        Answer answer;
        try {
            answer = http.post(endpoint, password.isEmpty() ? List.of() : List.of(Map.entry("Password", password)),
                    message);
        } catch (RspamdException e) {
            return new LearnResult(Outcome.UNREACHABLE, e.getMessage());
        }
        return switch (answer.status()) {
            case 200 -> learned(answer, endpoint);
            case 208 -> new LearnResult(Outcome.ALREADY_LEARNED, error(answer, endpoint));
            case 204 -> new LearnResult(Outcome.REFUSED, "rspamd did not learn it (HTTP 204: its classifier declined,"
                    + " e.g. without Redis)");
            case 401, 403 -> new LearnResult(Outcome.REFUSED, "rspamd refused the controller password (HTTP "
                    + answer.status() + ")");
            default -> new LearnResult(Outcome.REFUSED, "HTTP " + answer.status() + ": " + error(answer, endpoint));
        };
    }

    private static LearnResult learned(Answer answer, URI endpoint) {
        try {
            JsonNode json = RspamdHttp.json(answer, endpoint);
            return json.path("success").asBoolean(false) ? new LearnResult(Outcome.LEARNED, "")
                    : new LearnResult(Outcome.REFUSED, error(answer, endpoint));
        } catch (RspamdException e) {
            return new LearnResult(Outcome.REFUSED, e.getMessage());
        }
    }

    /** rspamd's {@code error} text, made printable; the status alone when it gave none. */
    private static String error(Answer answer, URI endpoint) {
        try {
            String error = RspamdHttp.text(RspamdHttp.json(answer, endpoint), "error");
            return error.isEmpty() ? "no reason given" : Printable.text(error);
        } catch (RspamdException e) {
            return "no reason given";
        }
    }
}

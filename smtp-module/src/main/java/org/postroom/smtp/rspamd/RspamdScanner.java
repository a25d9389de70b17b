package org.postroom.smtp.rspamd;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.postroom.smtp.rspamd.RspamdHttp.Answer;
import org.postroom.storage.Printable;

import tools.jackson.databind.JsonNode;

/**
 * Asks rspamd's normal worker for its verdict on a message: {@code POST /checkv2} with the message
 * as the body and the session's facts as request headers ({@link ScanRequest}), answered by a JSON
 * object with {@code action}, {@code score}, {@code required_score}, {@code symbols} and {@code
 * messages} (rspamd's protocol, rspamd 1.6 and later).
 */
public final class RspamdScanner {

    private final URI checkv2;
    private final RspamdHttp http;

    /** {@code url}: the normal worker, e.g. {@code http://rspamd:11333}; {@code timeout}: the most one scan may take. */
    public RspamdScanner(URI url, Duration timeout) {
        this.checkv2 = url.resolve("/checkv2");
        this.http = new RspamdHttp(timeout);
    }

    /**
     * rspamd's verdict on {@code message}.
     *
     * @throws RspamdException when rspamd cannot be reached, does not answer within the timeout,
     *         answers with an HTTP error, or with an answer this server cannot read (an action it
     *         does not know among it)
     */
    public ScanResult scan(ScanRequest request, MessageBody message) throws RspamdException {
        Answer answer = http.post(checkv2, request.headers(), message);
        if (answer.status() != 200) {
            throw new RspamdException(RspamdHttp.endpoint(checkv2) + " answered HTTP " + answer.status());
        }
        return parse(RspamdHttp.json(answer, checkv2));
    }

    /** An answer of {@code /checkv2} as a verdict (package-private for the tests of answers rspamd gave). */
    static ScanResult parse(JsonNode answer) throws RspamdException {
        String word = RspamdHttp.text(answer, "action");
        RspamdAction action = RspamdAction.of(word)
                .orElseThrow(() -> new RspamdException("rspamd answered an action this server does not know: '"
                        + Printable.text(word) + "'"));
        if (!answer.path("score").isNumber()) {
            throw new RspamdException("rspamd answered without a score");
        }
        List<ScanResult.Symbol> symbols = new ArrayList<>();
        for (Map.Entry<String, JsonNode> symbol : answer.path("symbols").properties()) {
            symbols.add(new ScanResult.Symbol(symbol.getKey(), symbol.getValue().path("score").asDouble(0)));
        }
        return new ScanResult(action, answer.path("score").asDouble(), answer.path("required_score").asDouble(0),
                symbols, RspamdHttp.text(answer.path("messages"), "smtp_message"));
    }
}

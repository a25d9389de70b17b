package org.postroom.smtp.rspamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** rspamd's answers to /checkv2, as rspamd 3.4 gave them, read into verdicts. */
class ScanResultTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** rspamd 3.4's answer to the GTUBE test message. */
    private static final String GTUBE = """
            {"is_skipped":true,"score":15.0,"required_score":15.0,"action":"reject",
             "symbols":{"GTUBE":{"name":"GTUBE","score":0.0,"metric_score":0.0}},
             "messages":{"smtp_message":"Gtube pattern"},"message-id":"1@x","time_real":0.001,
             "milter":{"remove_headers":{"X-Spam":0}}}
            """;

    /** rspamd 3.4's answer to a clean message from a client without DNS. */
    private static final String CLEAN = """
            {"is_skipped":false,"score":3.699999,"required_score":15.0,"action":"no action",
             "symbols":{"AUTH_NA":{"name":"AUTH_NA","score":1.0},"MIME_GOOD":{"name":"MIME_GOOD","score":-0.1,
             "options":["text/plain"]},"HFILTER_FROMHOST_NORES_A_OR_MX":{"name":"HFILTER_FROMHOST_NORES_A_OR_MX",
             "score":1.5},"R_SPF_NA":{"name":"R_SPF_NA","score":0.0}},"messages":{}}
            """;

    @Test
    void theGtubeAnswerIsARejectWithRspamdsMessage() throws Exception {
        ScanResult result = RspamdScanner.parse(JSON.readTree(GTUBE));

        assertThat(result.action()).isEqualTo(RspamdAction.REJECT);
        assertThat(result.message()).isEqualTo("Gtube pattern");
        assertThat(result.detail()).isEqualTo("score=15.00 required=15.00 symbols=GTUBE(0.00)");
    }

    @Test
    void aCleanAnswerNamesItsSymbolsLargestEffectFirst() throws Exception {
        ScanResult result = RspamdScanner.parse(JSON.readTree(CLEAN));

        assertThat(result.action()).isEqualTo(RspamdAction.NO_ACTION);
        assertThat(result.formattedScore()).isEqualTo("3.70");
        assertThat(result.message()).isEmpty();
        assertThat(result.detail()).isEqualTo("score=3.70 required=15.00 symbols=HFILTER_FROMHOST_NORES_A_OR_MX(1.50),"
                + "AUTH_NA(1.00),MIME_GOOD(-0.10),R_SPF_NA(0.00)");
    }

    @Test
    void everyActionOfRspamdIsKnownByItsWord() {
        for (String word : List.of("no action", "greylist", "add header", "rewrite subject", "soft reject", "reject",
                "discard", "quarantine")) {
            assertThat(RspamdAction.of(word)).as(word).isPresent();
        }
        assertThat(RspamdAction.of("add_header")).hasValue(RspamdAction.ADD_HEADER);
        assertThat(RspamdAction.ADD_HEADER.key()).isEqualTo("add-header");
    }

    @Test
    void anAnswerWithAnUnknownActionOrNoScoreIsNoVerdict() {
        assertThatThrownBy(() -> RspamdScanner.parse(JSON.readTree("{\"action\":\"bounce\\u001b[2J\",\"score\":1}")))
                .isInstanceOf(RspamdException.class).hasMessageContaining("'bounce?[2J'");
        assertThatThrownBy(() -> RspamdScanner.parse(JSON.readTree("{\"action\":\"reject\"}")))
                .isInstanceOf(RspamdException.class).hasMessageContaining("without a score");
    }

    @Test
    void aLongListOfSymbolsIsCut() throws RspamdException {
        StringBuilder symbols = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            symbols.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"score\":").append(i).append('}');
        }
        ScanResult result = RspamdScanner.parse(parse("{\"action\":\"reject\",\"score\":99,\"symbols\":{" + symbols
                + "}}"));

        assertThat(result.detail()).contains("S59(59.00)").doesNotContain("S9(").endsWith(",+10");
    }

    private static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}

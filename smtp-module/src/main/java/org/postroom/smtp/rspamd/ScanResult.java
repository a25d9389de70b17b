package org.postroom.smtp.rspamd;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * rspamd's verdict on one message (its answer to {@code /checkv2}).
 *
 * @param action what rspamd advises
 * @param score the message's score
 * @param requiredScore the score from which rspamd rejects (its {@code required_score})
 * @param symbols the rules that matched, each with its score
 * @param message the text rspamd wants the SMTP client to see ({@code messages.smtp_message}), as
 *        rspamd sent it (not yet fit for a reply line); "" when it gave none
 */
public record ScanResult(RspamdAction action, double score, double requiredScore, List<Symbol> symbols,
        String message) {

    /** The longest list of symbols kept with a stored verdict; the rest is counted, not named. */
    private static final int MAX_SYMBOLS = 50;

    public ScanResult {
        symbols = List.copyOf(symbols);
    }

    /** One rule of rspamd's that matched the message, and what it added to the score. */
    public record Symbol(String name, double score) {
    }

    /** The score with two decimals, as the X-Spam-Score field and the log show it: {@code 7.20}. */
    public String formattedScore() {
        return format(score);
    }

    /**
     * The verdict's detail as stored with the message and shown in the console: {@code score=7.20
     * required=15.00 symbols=BAYES_SPAM(5.10),MIME_GOOD(-0.10)}, the symbols with the largest
     * effect first (those that scored nothing last), at most {@value #MAX_SYMBOLS} of them.
     */
    public String detail() {
        String named = symbols.stream()
                .sorted(Comparator.comparingDouble((Symbol symbol) -> -Math.abs(symbol.score()))
                        .thenComparing(Symbol::name))
                .limit(MAX_SYMBOLS)
                .map(symbol -> symbol.name() + "(" + format(symbol.score()) + ")")
                .collect(Collectors.joining(","));
        String more = symbols.size() > MAX_SYMBOLS ? ",+" + (symbols.size() - MAX_SYMBOLS) : "";
        return "score=" + format(score) + " required=" + format(requiredScore)
                + (named.isEmpty() ? "" : " symbols=" + named + more);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}

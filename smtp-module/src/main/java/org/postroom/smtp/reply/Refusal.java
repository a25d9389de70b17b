package org.postroom.smtp.reply;

import java.util.Arrays;
import java.util.Locale;

/**
 * Why the server refused a client, named once for the session log line and the metric {@code
 * postroom.smtp.refusals} (tag {@code reason}), so that an operator greps one word in both: the
 * key is the constant's name in lower case with dashes ({@code RECIPIENT_UNKNOWN} is {@code
 * recipient-unknown}). Each reason is sent as one of {@link Replies}; where several reasons share a
 * reply (the From: field's), the code that refuses names the reason, otherwise the reply sent names
 * it ({@link #of}). A refusal by a reply no reason lists (one of James's own) is {@link #OTHER}.
 */
public enum Refusal {

    // --- the recipient and the sender
    RECIPIENT_UNKNOWN(Replies.UNKNOWN_USER),
    MAILBOX_DISABLED(Replies.MAILBOX_DISABLED),
    ALIAS_LOOP(Replies.ALIAS_LOOP),
    MAILBOX_FULL(Replies.MAILBOX_FULL),
    TOO_MANY_RECIPIENTS(Replies.TOO_MANY_RECIPIENTS),
    RELAY_DENIED(Replies.RELAY_DENIED),
    SENDER_NOT_OWNED(Replies.SENDER_NOT_OWNED),
    SENDER_SYNTAX(Replies.SENDER_SYNTAX),
    RECIPIENT_SYNTAX(Replies.RECIPIENT_SYNTAX),
    RECIPIENT_UNPARSABLE(Replies.RECIPIENT_UNPARSABLE),
    SENDER_BLOCKED(Replies.SENDER_BLOCKED),
    DNSBL_LISTED(Replies.DNSBL_LISTED),
    GREYLISTED(Replies.GREYLISTED),
    HELD_APART(Replies.HELD_APART),

    // --- the authenticated user's sending limits and suspension
    HOURLY_LIMIT_REACHED(Replies.HOURLY_LIMIT_REACHED),
    DAILY_LIMIT_REACHED(Replies.DAILY_LIMIT_REACHED),
    DAILY_RECIPIENT_LIMIT_REACHED(Replies.DAILY_RECIPIENT_LIMIT_REACHED),
    RECIPIENT_LIMIT_REACHED(Replies.RECIPIENT_LIMIT_REACHED),
    SENDING_SUSPENDED(Replies.SENDING_SUSPENDED),

    // --- the message: its From: field (submission), its size, its bytes
    FROM_NOT_OWNED(Replies.FROM_NOT_OWNED),
    SEVERAL_FROM_FIELDS(Replies.FROM_NOT_OWNED),
    FROM_UNPARSEABLE(Replies.FROM_NOT_OWNED),
    FROM_NAMES_NO_ONE(Replies.FROM_NOT_OWNED),
    HEADER_TOO_LONG(Replies.FROM_NOT_OWNED),
    MESSAGE_TOO_LARGE(Replies.MESSAGE_TOO_BIG),
    MESSAGE_LINE_TOO_LONG(Replies.MESSAGE_LINE_TOO_LONG),
    BARE_LINE_ENDING(Replies.BARE_LINE_ENDING),

    // --- the message's authentication on port 25: DMARC, our own domains
    DMARC_REJECTED(Replies.DMARC_REJECTED),
    DMARC_UNVERIFIED(Replies.DMARC_UNVERIFIED),
    OWN_DOMAIN_SPOOFED(Replies.OWN_DOMAIN_SPOOFED),
    OWN_DOMAIN_UNVERIFIED(Replies.OWN_DOMAIN_UNVERIFIED),

    // --- the spam filter (rspamd), on port 25 and on submission
    SPAM_REJECTED(Replies.SPAM_REJECTED),
    SPAM_DEFERRED(Replies.SPAM_DEFERRED),
    SPAM_FILTER_UNAVAILABLE(Replies.SPAM_FILTER_UNAVAILABLE),

    // --- commands out of syntax or sequence
    UNKNOWN_COMMAND(Replies.UNKNOWN_COMMAND),
    COMMAND_TOO_LONG(Replies.COMMAND_TOO_LONG),
    ARGUMENT_NOT_ALLOWED(Replies.NO_ARGUMENT_ALLOWED),
    SIZE_SYNTAX(Replies.SIZE_SYNTAX),
    PARAMETER_NOT_RECOGNIZED(Replies.PARAMETER_NOT_RECOGNIZED),
    HELO_FIRST(Replies.HELO_FIRST),
    NESTED_MAIL(Replies.NESTED_MAIL),
    MAIL_FIRST(Replies.MAIL_FIRST),
    NO_VALID_RECIPIENTS(Replies.RCPT_FIRST),
    PIPELINED_AFTER_STARTTLS(Replies.PIPELINED_AFTER_STARTTLS),

    // --- logging in
    AUTH_REQUIRED(Replies.AUTH_REQUIRED),
    AUTH_FAILED(Replies.AUTH_FAILED),
    AUTH_OTHER_IDENTITY(Replies.AUTH_OTHER_IDENTITY),
    AUTH_USAGE(Replies.AUTH_USAGE),
    AUTH_SYNTAX(Replies.AUTH_SYNTAX),
    AUTH_CANCELLED(Replies.AUTH_CANCELLED),
    AUTH_LINE_TOO_LONG(Replies.AUTH_LINE_TOO_LONG),
    AUTH_MECHANISM_UNKNOWN(Replies.AUTH_MECHANISM_UNKNOWN),
    ALREADY_AUTHENTICATED(Replies.ALREADY_AUTHENTICATED),
    AUTH_IN_TRANSACTION(Replies.AUTH_IN_TRANSACTION),
    ENCRYPTION_REQUIRED(Replies.ENCRYPTION_REQUIRED),
    AUTH_UNAVAILABLE(Replies.AUTH_UNAVAILABLE),
    TOO_MANY_AUTH_FAILURES(Replies.TOO_MANY_AUTH_FAILURES),
    ACCOUNT_WAITS(Replies.ACCOUNT_WAITS),

    // --- the server's side: its database, its limits, its clock
    STORAGE_UNAVAILABLE(Replies.TRY_LATER),
    SYSTEM_FULL(Replies.SYSTEM_FULL),
    LOCAL_ERROR(Replies.LOCAL_ERROR),
    TOO_MANY_CONNECTIONS(Replies.TOO_MANY_CONNECTIONS),
    TOO_MANY_CONNECTIONS_FROM_ADDRESS(Replies.TOO_MANY_CONNECTIONS_FROM_ADDRESS),
    IDLE_TIMEOUT(Replies.IDLE_TIMEOUT),
    COMMAND_TIMEOUT(Replies.COMMAND_TIMEOUT),
    DATA_TOO_SLOW(Replies.DATA_TOO_SLOW),
    SHUTTING_DOWN(Replies.SHUTTING_DOWN),

    /** A refusal by a reply no other reason lists: one of James's own. */
    OTHER(null);

    private final Reply reply;
    private final String key;

    Refusal(Reply reply) {
        this.reply = reply;
        this.key = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The word in log lines and metric tags, e.g. {@code recipient-unknown}. */
    public String key() {
        return key;
    }

    /** The reply this reason is sent with; none for {@link #OTHER}. */
    public Reply reply() {
        return reply;
    }

    /**
     * The first reason whose reply {@code sent} is: the same codes, and its text within the text
     * sent (which may name a host before it, or a detail after it). {@link #OTHER} when none is.
     */
    public static Refusal of(Reply sent) {
        return Arrays.stream(values())
                .filter(reason -> reason.reply != null && reason.reply.code() == sent.code()
                        && reason.reply.enhanced().equals(sent.enhanced()) && sent.text().contains(reason.reply.text()))
                .findFirst().orElse(OTHER);
    }

    @Override
    public String toString() {
        return key;
    }
}

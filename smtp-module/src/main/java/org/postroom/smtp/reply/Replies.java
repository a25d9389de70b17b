package org.postroom.smtp.reply;

import static org.postroom.smtp.reply.Codes.*;

import org.postroom.storage.Printable;
import org.postroom.storage.limits.SendingLimit;

/**
 * Every reply Postroom's own SMTP code sends, by name, written with the codes of {@link Codes}.
 * Reply codes are from RFC 5321 §4.2.2 unless noted; enhanced status codes from RFC 3463
 * (class.subject.detail) and the IANA registry of RFC 5248. Tests use the same names; logs and
 * metrics name a refusal by its {@link Refusal} key.
 *
 * <p>Replies James's command handlers already send correctly (250 2.1.0 for MAIL, 250 2.1.5 for
 * RCPT, 354 for DATA, 221 2.0.0 for QUIT, 502 5.3.3 for VRFY and EXPN) are not repeated here.
 */
public final class Replies {

    // --- accepted -------------------------------------------------------------------------------

    /** RFC 4954 §6: the AUTH exchange succeeded. */
    public static final Reply AUTH_SUCCEEDED = Reply.of(C235_AUTH_SUCCEEDED, SE_POLICY7_OTHER0,
            "Authentication successful");

    // --- temporary failures: the client keeps the message and retries (RFC 5321 §4.2.1) ----------

    /** The database could not be reached or failed; nothing was stored (RFC 3463 X.3.0). */
    public static final Reply TRY_LATER = Reply.of(C451_LOCAL_ERROR, SE_SYSTEM3_OTHER0,
            "Temporary local problem, please try again later");

    /**
     * RFC 3463 X.3.1, "mail system full": the spool's disk (or the database's) has no room for the
     * message, or less free space than {@code postroom.spool.min-free-space}; nothing was stored.
     * 452 as RFC 5321 §4.2.2 says for insufficient system storage, and as Postfix answers.
     */
    public static final Reply SYSTEM_FULL = Reply.of(C452_STORAGE_FULL, SE_SYSTEM3_FULL1,
            "Insufficient system storage, try again later");

    /** An unexpected error while handling the command; the session ends (RFC 3463 X.3.0). */
    public static final Reply LOCAL_ERROR = Reply.of(C451_LOCAL_ERROR, SE_SYSTEM3_OTHER0, "Local error in processing");

    /**
     * RFC 5321 §3.3 lets a server take some recipients of a transaction and defer others: a
     * recipient whose mail is held for the administrators (postmaster@ of a domain without a
     * postmaster target) and one that is delivered never share a transaction, because the two are
     * stored apart and one 250 must cover both. The client sends the deferred one in another
     * transaction (RFC 3463 X.5.3, as for too many recipients).
     */
    public static final Reply HELD_APART = Reply.of(C452_STORAGE_FULL, SE_PROTOCOL5_TOO_MANY_RECIPIENTS3,
            "Send this recipient in a transaction of its own");

    /** The recipient's mailbox is at its quota (RFC 3463 X.2.2, RFC 5321 §4.5.3.1.10 for 452). */
    public static final Reply MAILBOX_FULL = Reply.of(C452_STORAGE_FULL, SE_MAILBOX2_FULL2,
            "Mailbox full, try again later");

    /** RFC 5321 §4.5.3.1.10: more recipients than this server takes in one transaction. */
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(C452_STORAGE_FULL, SE_PROTOCOL5_TOO_MANY_RECIPIENTS3,
            "Too many recipients");

    /**
     * RFC 7489 §6.6.2: the author domain's DMARC policy rejects failing mail, and a DNS failure kept
     * SPF or DKIM from passing: the message is neither refused for good nor delivered (X.7.0).
     */
    public static final Reply DMARC_UNVERIFIED = Reply.of(C451_LOCAL_ERROR, SE_POLICY7_OTHER0,
            "DNS failure while checking the author domain's DMARC policy, try again later");

    /**
     * A message on port 25 from a sender in one of our own domains, which a DNS failure kept from
     * being authenticated by SPF or DKIM (X.7.0); see {@link #OWN_DOMAIN_SPOOFED}.
     */
    public static final Reply OWN_DOMAIN_UNVERIFIED = Reply.of(C451_LOCAL_ERROR, SE_POLICY7_OTHER0,
            "DNS failure while authenticating a sender in a local domain, try again later");

    /**
     * The spam filter (rspamd) advises to try again later, its "soft reject" or "greylist": the
     * sending server keeps the message and retries (RFC 3463 X.7.1).
     */
    public static final Reply SPAM_DEFERRED = Reply.of(C451_LOCAL_ERROR, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Message deferred by the spam filter, try again later");

    /**
     * The spam filter could not be asked, or did not answer in time, and {@code
     * postroom.antispam.rspamd.fail} is closed: nothing unscanned is taken (RFC 3463 X.7.0).
     */
    public static final Reply SPAM_FILTER_UNAVAILABLE = Reply.of(C451_LOCAL_ERROR, SE_POLICY7_OTHER0,
            "Spam filter unavailable, try again later");

    /**
     * Greylisting (RFC 6647): the first attempt of this client network, sender and recipient, or a
     * retry that came before the delay was over. A real server keeps the message and tries again
     * (RFC 5321 §4.5.4.1); most spam software does not (RFC 3463 X.7.1, temporary).
     */
    public static final Reply GREYLISTED = Reply.of(C451_LOCAL_ERROR, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Greylisted, please try again later");

    /**
     * The authenticated user sent as many messages this clock hour as their sending limit allows
     * (RFC 3463 X.7.1, temporary: the next hour takes them); the text goes on with the limit
     * ({@link #sendingLimitReached}).
     */
    public static final Reply HOURLY_LIMIT_REACHED = Reply.of(C451_LOCAL_ERROR, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Hourly sending limit of your account reached");

    /**
     * RFC 5321 §4.5.3.1.10: more recipients in this message than the user's limit per message (RFC
     * 3463 X.5.3); the client sends the others in another message. The text goes on with the limit.
     */
    public static final Reply RECIPIENT_LIMIT_REACHED = Reply.of(C452_STORAGE_FULL, SE_PROTOCOL5_TOO_MANY_RECIPIENTS3,
            "Recipient limit per message of your account reached");

    /** RFC 4954 §6: the credentials could not be checked right now. */
    public static final Reply AUTH_UNAVAILABLE = Reply.of(C454_TEMPORARY_AUTH_FAILURE, SE_POLICY7_OTHER0,
            "Temporary authentication failure");

    /**
     * Too many failed logins from the client's address (an IPv6 client's /64) recently; the session
     * ends (RFC 3463 X.7.0).
     */
    public static final Reply TOO_MANY_AUTH_FAILURES = Reply.of(C421_SERVICE_UNAVAILABLE, SE_POLICY7_OTHER0,
            "Too many failed logins from your address, try again later");

    /**
     * RFC 4954 §6: the account failed too often recently, from anywhere, and takes one attempt at
     * a time; the text goes on with the wait ("in 8 s").
     */
    public static final Reply ACCOUNT_WAITS = Reply.of(C454_TEMPORARY_AUTH_FAILURE, SE_POLICY7_OTHER0,
            "Too many failed logins for this account, try again");

    /** RFC 5321 §3.8: the listener has all the connections it takes; sent before closing. */
    public static final Reply TOO_MANY_CONNECTIONS = Reply.of(C421_SERVICE_UNAVAILABLE, SE_POLICY7_OTHER0,
            "Too many connections, try again later");

    /** As {@link #TOO_MANY_CONNECTIONS}, for one client address (an IPv6 /64) holding its share. */
    public static final Reply TOO_MANY_CONNECTIONS_FROM_ADDRESS = Reply.of(C421_SERVICE_UNAVAILABLE, SE_POLICY7_OTHER0,
            "Too many connections from your address, try again later");

    /** RFC 5321 §4.5.3.2.7: the client sent nothing for the idle timeout (RFC 3463 X.4.2). */
    public static final Reply IDLE_TIMEOUT = Reply.of(C421_SERVICE_UNAVAILABLE, SE_NET4_BAD_CONNECTION2,
            "Idle too long, closing connection");

    /**
     * RFC 5321 §4.5.3.2: a command line the client began was not complete within the command
     * timeout; a client that trickles a command byte by byte must not hold a connection forever.
     */
    public static final Reply COMMAND_TIMEOUT = Reply.of(C421_SERVICE_UNAVAILABLE, SE_NET4_BAD_CONNECTION2,
            "Command not completed in time, closing connection");

    /** RFC 5321 §4.5.3.2.6: the message after 354 came slower than the minimum data rate. */
    public static final Reply DATA_TOO_SLOW = Reply.of(C421_SERVICE_UNAVAILABLE, SE_NET4_BAD_CONNECTION2,
            "Data arriving too slowly, closing connection");

    /** RFC 5321 §3.8: the server is stopping; the client retries later (RFC 3463 X.3.2). */
    public static final Reply SHUTTING_DOWN = Reply.of(C421_SERVICE_UNAVAILABLE, SE_SYSTEM3_NOT_ACCEPTING2,
            "Service shutting down, try again later");

    // --- permanent failures ----------------------------------------------------------------------

    /** RFC 5321 §4.2.4: a command this server does not know. */
    public static final Reply UNKNOWN_COMMAND = Reply.of(C500_SYNTAX_ERROR, SE_PROTOCOL5_INVALID_COMMAND1,
            "Command not recognized");

    /** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets with its CRLF. */
    public static final Reply COMMAND_TOO_LONG = Reply.of(C500_SYNTAX_ERROR, SE_PROTOCOL5_SYNTAX_ERROR2,
            "Command line too long");

    /**
     * RFC 4954 §4, §6: the client's answer to an AUTH challenge is longer than the listener takes a
     * line; the exchange is over.
     */
    public static final Reply AUTH_LINE_TOO_LONG = Reply.of(C500_SYNTAX_ERROR, SE_PROTOCOL5_AUTH_EXCHANGE_LINE_TOO_LONG6,
            "Authentication exchange line is too long");

    /** RFC 5321 §4.1.1: a command that takes no argument was given one. */
    public static final Reply NO_ARGUMENT_ALLOWED = Reply.of(C501_PARAMETER_SYNTAX, SE_PROTOCOL5_INVALID_ARGUMENTS4,
            "This command takes no argument");

    /**
     * RFC 5321 §4.1.2, RFC 3463 X.1.7: the sender's address is not well-formed: a control or 8-bit
     * character (in a quoted local part too), a quoted local part never closed, or characters that
     * make no address.
     */
    public static final Reply SENDER_SYNTAX = Reply.of(C501_PARAMETER_SYNTAX, SE_ADDR1_SENDER_SYNTAX7,
            "Syntax error in sender address");

    /** As {@link #SENDER_SYNTAX}, for a recipient's address (RFC 3463 X.1.3). */
    public static final Reply RECIPIENT_SYNTAX = Reply.of(C501_PARAMETER_SYNTAX, SE_ADDR1_DEST_MAILBOX_SYNTAX3,
            "Syntax error in recipient address");

    /** RFC 1870 §6: the SIZE parameter of MAIL is not a number. */
    public static final Reply SIZE_SYNTAX = Reply.of(C501_PARAMETER_SYNTAX, SE_PROTOCOL5_INVALID_ARGUMENTS4,
            "SIZE parameter must be a number of octets");

    /** RFC 4954 §4: AUTH needs a mechanism name. */
    public static final Reply AUTH_USAGE = Reply.of(C501_PARAMETER_SYNTAX, SE_PROTOCOL5_INVALID_ARGUMENTS4,
            "Usage: AUTH mechanism [initial-response]");

    /** RFC 4954 §4: the client's AUTH data was not valid base64 or not in the mechanism's format. */
    public static final Reply AUTH_SYNTAX = Reply.of(C501_PARAMETER_SYNTAX, SE_PROTOCOL5_SYNTAX_ERROR2,
            "Cannot decode AUTH data");

    /** RFC 4954 §4: the client cancelled the AUTH exchange with "*". */
    public static final Reply AUTH_CANCELLED = Reply.of(C501_PARAMETER_SYNTAX, SE_POLICY7_OTHER0,
            "Authentication cancelled");

    /** RFC 5321 §4.1.4: EHLO or HELO must come first. */
    public static final Reply HELO_FIRST = Reply.of(C503_BAD_SEQUENCE, SE_PROTOCOL5_INVALID_COMMAND1,
            "Send EHLO or HELO first");

    /** RFC 5321 §4.1.4: MAIL inside a transaction (RSET first). */
    public static final Reply NESTED_MAIL = Reply.of(C503_BAD_SEQUENCE, SE_PROTOCOL5_INVALID_COMMAND1,
            "Sender already given");

    /** RFC 5321 §4.1.4: RCPT or DATA before MAIL. */
    public static final Reply MAIL_FIRST = Reply.of(C503_BAD_SEQUENCE, SE_PROTOCOL5_INVALID_COMMAND1,
            "Send MAIL first");

    /** RFC 5321 §4.1.4, §3.3: DATA without an accepted recipient. */
    public static final Reply RCPT_FIRST = Reply.of(C503_BAD_SEQUENCE, SE_PROTOCOL5_INVALID_COMMAND1,
            "No valid recipients");

    /** RFC 4954 §4: AUTH after a successful AUTH. */
    public static final Reply ALREADY_AUTHENTICATED = Reply.of(C503_BAD_SEQUENCE, SE_PROTOCOL5_INVALID_COMMAND1,
            "Already authenticated");

    /** RFC 4954 §4: AUTH is not allowed during a mail transaction. */
    public static final Reply AUTH_IN_TRANSACTION = Reply.of(C503_BAD_SEQUENCE, SE_PROTOCOL5_INVALID_COMMAND1,
            "AUTH not allowed during a mail transaction");

    /**
     * RFC 3207 §4.2: the client sent more after STARTTLS without waiting for the 220, as a man in
     * the middle does to have commands run inside the coming TLS session (CVE-2011-0411). None of
     * it is executed; the listener sends this and closes the connection.
     */
    public static final Reply PIPELINED_AFTER_STARTTLS = Reply.of(C503_BAD_SEQUENCE, SE_PROTOCOL5_INVALID_COMMAND1,
            "Commands pipelined after STARTTLS, closing connection");

    /** RFC 4954 §4: an AUTH mechanism this server does not offer. */
    public static final Reply AUTH_MECHANISM_UNKNOWN =
            Reply.of(C504_PARAMETER_NOT_IMPLEMENTED, SE_PROTOCOL5_INVALID_ARGUMENTS4,
            "Unrecognized authentication mechanism");

    /** RFC 4954 §6: submission requires AUTH before MAIL. */
    public static final Reply AUTH_REQUIRED = Reply.of(C530_AUTH_REQUIRED, SE_POLICY7_OTHER0,
            "Authentication required");

    /** RFC 4954 §6: the credentials are wrong (the user, the password or the account state). */
    public static final Reply AUTH_FAILED =
            Reply.of(C535_AUTH_CREDENTIALS_INVALID, SE_POLICY7_AUTH_CREDENTIALS_INVALID8,
            "Authentication credentials invalid");

    /** RFC 4616 §2: a PLAIN authorization identity other than the login; acting for another user is not offered. */
    public static final Reply AUTH_OTHER_IDENTITY =
            Reply.of(C535_AUTH_CREDENTIALS_INVALID, SE_POLICY7_AUTH_CREDENTIALS_INVALID8,
            "Acting as another user is not supported");

    /** RFC 4954 §6, RFC 5248: passwords are only taken over TLS, so AUTH needs STARTTLS first. */
    public static final Reply ENCRYPTION_REQUIRED =
            Reply.of(C538_ENCRYPTION_REQUIRED_FOR_AUTH, SE_POLICY7_ENCRYPTION_REQUIRED_FOR_AUTH11,
            "Encryption required for requested authentication mechanism");

    /** RFC 3463 X.1.1: no user, alias or catch-all takes this address at one of our domains. */
    public static final Reply UNKNOWN_USER = Reply.of(C550_MAILBOX_UNAVAILABLE, SE_ADDR1_UNKNOWN_DEST_MAILBOX1,
            "No such user here");

    /** RFC 3463 X.2.1: the user exists but an administrator disabled it. */
    public static final Reply MAILBOX_DISABLED = Reply.of(C550_MAILBOX_UNAVAILABLE, SE_MAILBOX2_DISABLED1,
            "Mailbox disabled, not accepting messages");

    /** RFC 3463 X.4.6: the address's aliases nest too deep or expand too wide (likely a loop). */
    public static final Reply ALIAS_LOOP = Reply.of(C550_MAILBOX_UNAVAILABLE, SE_NET4_ROUTING_LOOP6,
            "Alias expansion loop or limit reached");

    /**
     * RFC 7489 §6.6.2, RFC 3463 X.7.1: the message fails DMARC and its author domain's policy is
     * reject; the text goes on with the domain.
     */
    public static final Reply DMARC_REJECTED = Reply.of(C550_MAILBOX_UNAVAILABLE, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Message rejected by the DMARC policy of its author domain");

    /**
     * RFC 3463 X.7.1: a message on port 25, from a client that did not log in, whose envelope sender
     * or From: field is in one of our own domains, and that neither SPF nor an aligned DKIM signature
     * authenticates: our users' mail reaches us by submission, so this is a forgery, whatever the
     * domain's DMARC record says.
     */
    public static final Reply OWN_DOMAIN_SPOOFED = Reply.of(C550_MAILBOX_UNAVAILABLE,
            SE_POLICY7_DELIVERY_NOT_AUTHORIZED1, "Sender in a local domain not authenticated by SPF or DKIM");

    /**
     * RFC 3463 X.7.1: the spam filter (rspamd) rejects the message, on port 25 and on submission alike
     * (its outbound rules catch a compromised account); the text goes on with rspamd's own message
     * when it gave one ({@link #spamRejected}).
     */
    public static final Reply SPAM_REJECTED = Reply.of(C550_MAILBOX_UNAVAILABLE, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Message refused as spam");

    /** RFC 1870 §6, RFC 3463 X.3.4: the message (declared with SIZE, or sent) is over the limit. */
    public static final Reply MESSAGE_TOO_BIG = Reply.of(C552_STORAGE_EXCEEDED, SE_SYSTEM3_MESSAGE_TOO_BIG4,
            "Message size exceeds fixed maximum message size");

    /**
     * RFC 5322 §2.1.1: a line of the message is longer than this server takes. The whole message is
     * refused rather than truncated, so no one ever receives half a line.
     */
    public static final Reply MESSAGE_LINE_TOO_LONG = Reply.of(C552_STORAGE_EXCEEDED, SE_SYSTEM3_MESSAGE_TOO_BIG4,
            "Message line too long");

    /** RFC 3463 X.7.1: the authenticated user may not use this envelope sender. */
    public static final Reply SENDER_NOT_OWNED =
            Reply.of(C553_MAILBOX_NAME_NOT_ALLOWED, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Sender address not owned by the authenticated user");

    /**
     * RFC 3463 X.7.1: the From: field of a submitted message names an address the authenticated user
     * may not send as, or cannot be read unambiguously (two From: fields, a value two parsers would
     * read differently). Readers and DMARC take From: for the author, and Postroom signs for it.
     */
    public static final Reply FROM_NOT_OWNED = Reply.of(C550_MAILBOX_UNAVAILABLE, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "From header must name only addresses the authenticated user may send as");

    /**
     * The authenticated user sent as many messages in the last 24 hours as their sending limit
     * allows (RFC 3463 X.7.1); the text goes on with the limit ({@link #sendingLimitReached}).
     */
    public static final Reply DAILY_LIMIT_REACHED = Reply.of(C550_MAILBOX_UNAVAILABLE, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Daily sending limit of your account reached");

    /** As {@link #DAILY_LIMIT_REACHED}, for the recipients of the last 24 hours. */
    public static final Reply DAILY_RECIPIENT_LIMIT_REACHED =
            Reply.of(C550_MAILBOX_UNAVAILABLE, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Daily recipient limit of your account reached");

    /**
     * RFC 3463 X.7.1: the user's sending is suspended, for reaching their limits or sending spam
     * too often in a day, until an administrator lifts it; receiving and POP3 go on.
     */
    public static final Reply SENDING_SUSPENDED = Reply.of(C550_MAILBOX_UNAVAILABLE, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Sending suspended for your account, please contact your administrator");

    /**
     * RFC 5321 §2.3.8 allows CR and LF only together, as CRLF; RFC 2045 §2.8 forbids NUL in 8bit
     * data. A bare CR or LF is what SMTP smuggling (CVE-2023-51764 class) hides a second message
     * behind, so a message containing one is refused whole (RFC 3463 X.6.0).
     */
    public static final Reply BARE_LINE_ENDING = Reply.of(C554_TRANSACTION_FAILED, SE_CONTENT6_OTHER0,
            "Message contains a bare CR or LF or a NUL");

    /**
     * RFC 3463 X.7.1: the recipient's block list (the user's or the domain's) names the envelope
     * sender, its domain or the client's network. Which entry is logged, not told.
     */
    public static final Reply SENDER_BLOCKED = Reply.of(C550_MAILBOX_UNAVAILABLE, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Sender blocked by the recipient's sender list");

    /**
     * RFC 5782 §2.1, RFC 3463 X.7.1: a DNS blocklist lists the client's address; the text goes on
     * with the address, the list and the list's reason ({@link #dnsblListed}), so that the sender's
     * administrator knows where to ask for removal. postmaster@ and abuse@ are never refused so.
     */
    public static final Reply DNSBL_LISTED = Reply.of(C554_TRANSACTION_FAILED, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Client host listed by a DNS blocklist");

    /** RFC 3463 X.7.1: a recipient at another domain from a client that did not authenticate. */
    public static final Reply RELAY_DENIED = Reply.of(C554_TRANSACTION_FAILED, SE_POLICY7_DELIVERY_NOT_AUTHORIZED1,
            "Relay access denied");

    /**
     * RFC 5321 §4.2.2 (553, mailbox syntax incorrect), RFC 3463 X.1.3: the recipient holds only
     * characters an address may hold, but they make no address (a second '@', a dot at the start).
     */
    public static final Reply RECIPIENT_UNPARSABLE = Reply.of(C553_MAILBOX_NAME_NOT_ALLOWED, SE_ADDR1_DEST_MAILBOX_SYNTAX3,
            "Syntax error in recipient address");

    /** RFC 5321 §4.1.1.11: a MAIL or RCPT parameter this server does not implement. */
    public static final Reply PARAMETER_NOT_RECOGNIZED =
            Reply.of(C555_PARAMETERS_NOT_RECOGNIZED, SE_PROTOCOL5_INVALID_ARGUMENTS4,
            "Parameter not recognized or not implemented");

    private Replies() {
    }

    /**
     * RFC 5321 §4.1.1.1: the first line of the answer to EHLO or HELO, the server's name and a
     * greeting that names the client as it introduced itself (made printable) and by its address;
     * without an enhanced code, as RFC 2034 §3 has it.
     */
    public static Reply hello(String hostname, String clientName, String clientAddress) {
        return new Reply(C250_COMPLETED, "",
                hostname + " Hello " + Printable.of(clientName) + " [" + clientAddress + "]");
    }

    /**
     * {@link #DNSBL_LISTED} naming the client's address, the list's zone and the reason the list gave
     * (a TXT record, made printable ASCII and cut short by the caller; empty when it gave none).
     */
    public static Reply dnsblListed(String clientAddress, String zone, String reason) {
        return DNSBL_LISTED.withText(DNSBL_LISTED.text() + ": [" + clientAddress + "] in " + zone
                + (reason.isEmpty() ? "" : "; " + reason));
    }

    /**
     * {@link #SPAM_REJECTED} followed by the spam filter's message ({@code Gtube pattern}), made one
     * line of printable ASCII and cut to 200 characters, so a reply line stays within RFC 5321's 512
     * octets; the plain reply when the filter gave none.
     */
    public static Reply spamRejected(String filterMessage) {
        String text = Printable.asciiLine(filterMessage);
        if (text.length() > 200) {
            text = text.substring(0, 200);
        }
        return text.isEmpty() ? SPAM_REJECTED : SPAM_REJECTED.withText(SPAM_REJECTED.text() + ": " + text);
    }

    /**
     * The reply to a user who reached {@code limit}, whose value is {@code value}, naming it so the
     * user can read what happened: {@code 451 4.7.1 Hourly sending limit of your account reached (100
     * messages per hour), try again later}.
     */
    public static Reply sendingLimitReached(SendingLimit limit, int value) {
        return switch (limit) {
            case MESSAGES_PER_HOUR -> HOURLY_LIMIT_REACHED.withText(HOURLY_LIMIT_REACHED.text() + " (" + value
                    + " messages per hour), try again later");
            case MESSAGES_PER_DAY -> DAILY_LIMIT_REACHED.withText(DAILY_LIMIT_REACHED.text() + " (" + value
                    + " messages in 24 hours)");
            case RECIPIENTS_PER_DAY -> DAILY_RECIPIENT_LIMIT_REACHED.withText(DAILY_RECIPIENT_LIMIT_REACHED.text()
                    + " (" + value + " recipients in 24 hours)");
            case RECIPIENTS_PER_MESSAGE -> RECIPIENT_LIMIT_REACHED.withText(RECIPIENT_LIMIT_REACHED.text() + " ("
                    + value + "), send to the others in another message");
        };
    }

    /** RFC 5321 §4.1.1.4: the message is committed; {@code queueId} names its stored copy. */
    public static Reply queued(String queueId) {
        return Reply.of(C250_COMPLETED, SE_OTHER0_UNDEFINED0, "Ok: queued as " + queueId);
    }
}

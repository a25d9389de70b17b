package org.postroom.smtp.reply;

/**
 * The SMTP codes Postroom sends and reads, by number and meaning, so that the inbound hooks and
 * outbound delivery say the same thing the same way. Reply codes are RFC 5321 §4.2.3 unless noted.
 * Enhanced status codes (RFC 3463, the IANA registry of RFC 5248) are given without their class,
 * as {@code subject.detail}: the class is the reply's (2, 4 or 5), so one constant serves a
 * temporary and a permanent failure alike ({@link Reply#of}, {@link Diagnosis#temporary}).
 */
public final class Codes {

    // --- reply codes ---------------------------------------------------------------------------

    public static final int C221_CLOSING = 221;
    /** RFC 4954 §6. */
    public static final int C235_AUTH_SUCCEEDED = 235;
    public static final int C250_COMPLETED = 250;

    /** Also sent right before the server closes the connection (§3.8). */
    public static final int C421_SERVICE_UNAVAILABLE = 421;
    public static final int C451_LOCAL_ERROR = 451;
    /** Also "too many recipients" (§4.5.3.1.10). */
    public static final int C452_STORAGE_FULL = 452;
    /** RFC 4954 §6. */
    public static final int C454_TEMPORARY_AUTH_FAILURE = 454;

    public static final int C500_SYNTAX_ERROR = 500;
    public static final int C501_PARAMETER_SYNTAX = 501;
    public static final int C503_BAD_SEQUENCE = 503;
    public static final int C504_PARAMETER_NOT_IMPLEMENTED = 504;
    /** RFC 4954 §6: authentication required. */
    public static final int C530_AUTH_REQUIRED = 530;
    /** RFC 4954 §6. */
    public static final int C535_AUTH_CREDENTIALS_INVALID = 535;
    /** RFC 4954 §6. */
    public static final int C538_ENCRYPTION_REQUIRED_FOR_AUTH = 538;
    public static final int C550_MAILBOX_UNAVAILABLE = 550;
    public static final int C552_STORAGE_EXCEEDED = 552;
    public static final int C553_MAILBOX_NAME_NOT_ALLOWED = 553;
    public static final int C554_TRANSACTION_FAILED = 554;
    public static final int C555_PARAMETERS_NOT_RECOGNIZED = 555;

    // --- enhanced status codes, subject.detail (RFC 3463 §3) --------------------------------------

    /** X.0.0: nothing more specific to say, e.g. the status of a remote reply that gave none. */
    public static final String SE_OTHER0_UNDEFINED0 = "0.0";

    // X.1.x, addressing
    public static final String SE_ADDR1_UNKNOWN_DEST_MAILBOX1 = "1.1";
    public static final String SE_ADDR1_UNKNOWN_DEST_SYSTEM2 = "1.2";
    public static final String SE_ADDR1_DEST_MAILBOX_SYNTAX3 = "1.3";
    public static final String SE_ADDR1_SENDER_SYNTAX7 = "1.7";
    /** RFC 7505 §4.2: the domain publishes a null MX. */
    public static final String SE_ADDR1_NULL_MX10 = "1.10";

    // X.2.x, mailbox
    public static final String SE_MAILBOX2_DISABLED1 = "2.1";
    public static final String SE_MAILBOX2_FULL2 = "2.2";

    // X.3.x, mail system
    public static final String SE_SYSTEM3_OTHER0 = "3.0";
    public static final String SE_SYSTEM3_FULL1 = "3.1";
    public static final String SE_SYSTEM3_NOT_ACCEPTING2 = "3.2";
    public static final String SE_SYSTEM3_MESSAGE_TOO_BIG4 = "3.4";

    // X.4.x, network and routing
    public static final String SE_NET4_NO_ANSWER1 = "4.1";
    public static final String SE_NET4_BAD_CONNECTION2 = "4.2";
    public static final String SE_NET4_DIRECTORY_FAILURE3 = "4.3";
    public static final String SE_NET4_UNABLE_TO_ROUTE4 = "4.4";
    public static final String SE_NET4_ROUTING_LOOP6 = "4.6";
    public static final String SE_NET4_DELIVERY_EXPIRED7 = "4.7";

    // X.5.x, mail delivery protocol
    public static final String SE_PROTOCOL5_INVALID_COMMAND1 = "5.1";
    public static final String SE_PROTOCOL5_SYNTAX_ERROR2 = "5.2";
    public static final String SE_PROTOCOL5_TOO_MANY_RECIPIENTS3 = "5.3";
    public static final String SE_PROTOCOL5_INVALID_ARGUMENTS4 = "5.4";
    /** RFC 4954 §6: a line of the authentication exchange is too long. */
    public static final String SE_PROTOCOL5_AUTH_EXCHANGE_LINE_TOO_LONG6 = "5.6";

    // X.6.x, message content
    public static final String SE_CONTENT6_OTHER0 = "6.0";
    /** RFC 6531 §3.7.1: a non-ASCII address where the other side does not take SMTPUTF8. */
    public static final String SE_CONTENT6_NON_ASCII_ADDRESS7 = "6.7";

    // X.7.x, security and policy
    public static final String SE_POLICY7_OTHER0 = "7.0";
    public static final String SE_POLICY7_DELIVERY_NOT_AUTHORIZED1 = "7.1";
    /** RFC 4954 §6: the credentials are invalid. */
    public static final String SE_POLICY7_AUTH_CREDENTIALS_INVALID8 = "7.8";
    /** RFC 5248 (RFC 3207): encryption is needed, e.g. the relay host offers no STARTTLS. */
    public static final String SE_POLICY7_ENCRYPTION_NEEDED10 = "7.10";
    /** RFC 4954 §6: this authentication mechanism needs encryption first. */
    public static final String SE_POLICY7_ENCRYPTION_REQUIRED_FOR_AUTH11 = "7.11";

    private Codes() {
    }
}

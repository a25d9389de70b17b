package org.postroom.smtp;

/**
 * The numbers the SMTP standards fix, which the inbound listeners, outbound delivery and the
 * server's configuration defaults all use: each is written here once.
 */
public final class SmtpStandard {

    /**
     * RFC 5321 §4.5.3.1.8: a server must take at least 100 recipients in one transaction, so a
     * client may send that many and a server's limit is never below it.
     */
    public static final int MIN_RECIPIENTS = 100;

    /** RFC 5321 §4.5.4, IANA "smtp": where mail servers relay to each other (MX). */
    public static final int MX_PORT = 25;

    /** RFC 6409 §3.1: message submission, upgraded with STARTTLS. */
    public static final int SUBMISSION_PORT = 587;

    /** RFC 8314 §7.3: message submission over implicit TLS. */
    public static final int SUBMISSIONS_PORT = 465;

    private SmtpStandard() {
    }
}

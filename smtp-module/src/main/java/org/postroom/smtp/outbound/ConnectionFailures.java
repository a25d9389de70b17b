package org.postroom.smtp.outbound;

import static org.postroom.smtp.reply.Codes.SE_NET4_BAD_CONNECTION2;
import static org.postroom.smtp.reply.Codes.SE_NET4_NO_ANSWER1;
import static org.postroom.smtp.reply.Codes.SE_POLICY7_AUTH_CREDENTIALS_INVALID8;
import static org.postroom.smtp.reply.Codes.SE_POLICY7_ENCRYPTION_NEEDED10;
import static org.postroom.smtp.reply.Codes.SE_POLICY7_OTHER0;

import java.io.IOException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;
import org.postroom.smtp.outbound.TransactionResult.HostFailed;
import org.postroom.smtp.reply.Diagnosis;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

/**
 * Names what went wrong when a server could not be talked to at all: no connection, no STARTTLS
 * where it is required, a certificate that does not verify, a failed TLS handshake, a refused
 * login, a refusing greeting, a broken connection. None of them decided anything about a
 * recipient, so the next server may be tried. The TLS ones say so when credentials were held
 * back, since that is the operator's cue (a trust file, a relay setting) and not the remote's.
 */
final class ConnectionFailures {

    /** Angus's words when {@code mail.smtp.starttls.required} meets a server without STARTTLS (before AUTH). */
    private static final String NO_STARTTLS = "STARTTLS is required but host does not support STARTTLS";

    private ConnectionFailures() {
    }

    static HostFailed classify(SMTPTransport transport, MessagingException e, NextHop hop) {
        String nextHop = hop.toString();
        String server = hop.relay() != null ? "relay host " + nextHop
                : hop.tls() == TlsMode.MTA_STS ? "MX host " + nextHop + " (MTA-STS policy: enforce)" : nextHop;
        String withheld = hop.logsIn() ? "; credentials not sent" : "";
        if (NO_STARTTLS.equals(e.getMessage())) {
            // RFC 5248 X.7.10, encryption needed; deferred, so the operator can fix the relay or the setting
            return new HostFailed(Diagnosis.temporary(SE_POLICY7_ENCRYPTION_NEEDED10,
                    server + " offers no STARTTLS" + (hop.logsIn() ? withheld : "; message not sent")), false);
        }
        if (causedBy(e, SSLException.class)) {
            String what = causedBy(e, CertificateException.class) ? "certificate of " + server + " does not verify: "
                    : "TLS handshake with " + server + " failed: ";
            return new HostFailed(Diagnosis.temporary(SE_POLICY7_OTHER0, what + rootMessage(e) + withheld), true);
        }
        if (e instanceof AuthenticationFailedException) {
            // the relay refused our login: the operator's to fix, and mail must wait for it, not bounce
            return new HostFailed(Diagnosis.temporary(SE_POLICY7_AUTH_CREDENTIALS_INVALID8,
                    "login at " + nextHop + " failed: " + rootMessage(e)), false);
        }
        if (e instanceof MailConnectException) {
            return new HostFailed(Diagnosis.temporary(SE_NET4_NO_ANSWER1,
                    "no connection to " + nextHop + ": " + rootMessage(e)), false);
        }
        int code = transport.getLastReturnCode();
        if (code >= 400 && !causedBy(e, IOException.class)) {
            return new HostFailed(Diagnosis.remote(code, transport.getLastServerResponse()), false);
        }
        return new HostFailed(Diagnosis.temporary(SE_NET4_BAD_CONNECTION2,
                "connection to " + nextHop + " failed: " + rootMessage(e)), false);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

package org.postroom.smtp.outbound;

import java.io.IOException;

import javax.net.ssl.SSLException;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;
import org.postroom.smtp.outbound.TransactionResult.HostFailed;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

/**
 * Names what went wrong when a server could not be talked to at all: no connection, a failed TLS
 * handshake, a refused login, a refusing greeting, a broken connection. None of them decided
 * anything about a recipient, so the next server may be tried.
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    static HostFailed classify(SMTPTransport transport, MessagingException e, String nextHop) {
        if (causedBy(e, SSLException.class)) {
            return new HostFailed(Diagnosis.local("4.7.0", "TLS handshake with " + nextHop + " failed: "
                    + rootMessage(e)), true);
        }
        if (e instanceof AuthenticationFailedException) {
            // the relay refused our login: the operator's to fix, and mail must wait for it, not bounce
            return new HostFailed(Diagnosis.local("4.7.8", "login at " + nextHop + " failed: " + rootMessage(e)), false);
        }
        if (e instanceof MailConnectException) {
            return new HostFailed(Diagnosis.local("4.4.1", "no connection to " + nextHop + ": " + rootMessage(e)), false);
        }
        int code = transport.getLastReturnCode();
        if (code >= 400 && !causedBy(e, IOException.class)) {
            return new HostFailed(Diagnosis.remote(code, transport.getLastServerResponse()), false);
        }
        return new HostFailed(Diagnosis.local("4.4.2", "connection to " + nextHop + " failed: " + rootMessage(e)), false);
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

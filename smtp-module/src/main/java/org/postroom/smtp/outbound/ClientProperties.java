package org.postroom.smtp.outbound;

import java.util.Properties;

import org.postroom.smtp.outbound.mtasts.PeerNameTls;

/**
 * The Angus Mail session settings for one transaction: where to connect, our EHLO name, timeouts,
 * and TLS as the hop's mode says. Verified modes check the certificate against the hop's
 * {@link CertificateTrust} and the name connected to (for an MX host under MTA-STS, which is
 * connected to by address, its MX name); with STARTTLS required, Angus sends neither AUTH nor MAIL
 * to a server that does not offer it.
 */
final class ClientProperties {

    private ClientProperties() {
    }

    static Properties of(DeliverySettings settings, NextHop hop, String connectTo, TlsMode tls, boolean international) {
        Properties p = new Properties();
        p.put("mail.smtp.host", connectTo);
        p.put("mail.smtp.port", Integer.toString(hop.port()));
        p.put("mail.smtp.localhost", settings.hostname());
        p.put("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(settings.readTimeout().toMillis()));
        p.put("mail.smtp.sendpartial", "true");
        // makes Angus add SMTPUTF8 to MAIL FROM; only mail that needs it asks for it (RFC 6531 §3.4)
        p.put("mail.mime.allowutf8", Boolean.toString(international));
        p.put("mail.smtp.allow8bitmime", "false");
        p.put("mail.smtp.auth", Boolean.toString(hop.logsIn()));
        boolean required = tls == TlsMode.STARTTLS || tls == TlsMode.MTA_STS;
        p.put("mail.smtp.starttls.enable", Boolean.toString(required || tls == TlsMode.OPPORTUNISTIC));
        p.put("mail.smtp.starttls.required", Boolean.toString(required));
        p.put("mail.smtp.ssl.enable", Boolean.toString(tls == TlsMode.IMPLICIT));
        if (tls == TlsMode.OPPORTUNISTIC) {
            // RFC 7435: any certificate beats plain text; MX hosts' certificates rarely match their names
            p.put("mail.smtp.ssl.trust", "*");
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        } else if (tls == TlsMode.MTA_STS) {
            // connected to an address: the MX name is checked in the handshake, Angus would check the address
            p.put("mail.smtp.ssl.socketFactory", new PeerNameTls(hop.trust().context(), hop.host()));
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        } else if (tls.verified()) {
            p.put("mail.smtp.ssl.socketFactory", hop.trust().socketFactory());
            // RFC 6125 name check, done by the JDK during the handshake, so nothing is sent to a wrong host
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }
}

package org.postroom.smtp.outbound;

import java.util.Properties;

/**
 * The Angus Mail session settings for one transaction: where to connect, our EHLO name, timeouts,
 * and TLS as the hop's mode says. Verified modes check the certificate against the JDK's trust
 * store and the name connected to.
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
        p.put("mail.smtp.auth", Boolean.toString(hop.relay() != null && hop.relay().authenticates()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(tls == TlsMode.OPPORTUNISTIC || tls == TlsMode.STARTTLS));
        p.put("mail.smtp.starttls.required", Boolean.toString(tls == TlsMode.STARTTLS));
        p.put("mail.smtp.ssl.enable", Boolean.toString(tls == TlsMode.IMPLICIT));
        if (tls == TlsMode.OPPORTUNISTIC) {
            // RFC 7435: any certificate beats plain text; MX hosts' certificates rarely match their names
            p.put("mail.smtp.ssl.trust", "*");
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }
}

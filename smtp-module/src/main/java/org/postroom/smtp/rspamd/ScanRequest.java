package org.postroom.smtp.rspamd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.postroom.storage.Printable;

/**
 * What the SMTP session knows about a message beyond its bytes, as rspamd's protocol takes it in
 * request headers: the client's address ({@code IP}) and greeting ({@code Helo}), the envelope
 * ({@code From}, one {@code Rcpt} per recipient), the login of an authenticated session ({@code
 * User}: rspamd then scores it as outbound mail), the TLS facts ({@code TLS-Version}, {@code
 * TLS-Cipher}), an id to find the scan in rspamd's log by ({@code Queue-Id}: the SMTP session's),
 * and this server's name ({@code MTA-Name}). Empty and null values are left out; every value is
 * sent as printable ASCII, as HTTP requires.
 *
 * @param sender the envelope sender, "" for the null sender (sent as {@code <>})
 * @param user the authenticated login, null for a session that did not log in
 * @param tlsVersion the TLS protocol ({@code TLSv1.3}), null without TLS
 * @param tlsCipher the cipher suite, null without TLS
 */
public record ScanRequest(String clientAddress, String helo, String sender, List<String> recipients, String user,
        String tlsVersion, String tlsCipher, String queueId, String mtaName) {

    public ScanRequest {
        recipients = List.copyOf(recipients);
    }

    /** The request headers, in order; {@code Rcpt} once per recipient. */
    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        add(headers, "IP", clientAddress);
        add(headers, "Helo", helo);
        add(headers, "From", sender.isEmpty() ? "<>" : sender);
        recipients.forEach(recipient -> add(headers, "Rcpt", recipient));
        add(headers, "User", user);
        add(headers, "TLS-Version", tlsVersion);
        add(headers, "TLS-Cipher", tlsCipher);
        add(headers, "Queue-Id", queueId);
        add(headers, "MTA-Name", mtaName);
        return headers;
    }

    private static void add(List<Map.Entry<String, String>> headers, String name, String value) {
        if (value != null && !value.isEmpty()) {
            headers.add(Map.entry(name, Printable.of(value)));
        }
    }
}

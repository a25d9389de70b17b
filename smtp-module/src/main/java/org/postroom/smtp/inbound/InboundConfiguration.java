package org.postroom.smtp.inbound;

import org.apache.james.protocols.smtp.SMTPConfigurationImpl;

/**
 * What James's own handlers ask of the server: its name, its greeting, the size limit, whether AUTH
 * is announced and whether an IP may relay. James's defaults hard-code no size limit and never
 * announce AUTH; Postroom's answers are fixed here.
 */
public final class InboundConfiguration extends SMTPConfigurationImpl {

    static final String SOFTWARE = "Postroom";

    private final String hostname;
    private final long maxMessageSize;

    public InboundConfiguration(String hostname, long maxMessageSize) {
        this.hostname = hostname;
        this.maxMessageSize = maxMessageSize;
    }

    /** The name in the greeting, the EHLO reply and Received headers (RFC 5321 §4.1.3, §4.4). */
    @Override
    public String getHelloName() {
        return hostname;
    }

    /** RFC 5321 §4.2: the greeting starts with the server's name; RFC 2034 gives it no enhanced code. */
    @Override
    public String getGreeting() {
        return hostname + " ESMTP " + SOFTWARE;
    }

    @Override
    public String getSoftwareName() {
        return SOFTWARE;
    }

    @Override
    public long getMaxMessageSize() {
        return maxMessageSize;
    }

    /** No IP is trusted to relay: only a session whose user authenticated may. */
    @Override
    public boolean isRelayingAllowed(String remoteIP) {
        return false;
    }

    /** Passwords travel only inside TLS, so AUTH is announced only there (RFC 4954 §4, RFC 8314 §3). */
    @Override
    public boolean isAuthAnnounced(String remoteIP, boolean tlsStarted) {
        return tlsStarted;
    }
}

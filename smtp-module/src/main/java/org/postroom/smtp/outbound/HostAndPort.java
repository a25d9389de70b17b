package org.postroom.smtp.outbound;

/** A next hop as an operator writes it: {@code host:port}, {@code host}, or {@code [IPv6]:port}. */
public record HostAndPort(String host, int port) {

    public HostAndPort {
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
            throw new IllegalArgumentException("not a host name or address: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** Parses {@code value}; a missing port is {@code defaultPort}. */
    public static HostAndPort parse(String value, int defaultPort) {
        String text = value.strip();
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (bracketed) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in '" + value + "'");
            }
            return new HostAndPort(text.substring(1, close), close + 1 < text.length() && text.charAt(close + 1) == ':'
                    ? port(text.substring(close + 2), value) : defaultPort);
        }
        if (colon < 0 || text.indexOf(':') != colon) {
            return new HostAndPort(text, defaultPort);
        }
        return new HostAndPort(text.substring(0, colon), port(text.substring(colon + 1), value));
    }

    private static int port(String digits, String value) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port in '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

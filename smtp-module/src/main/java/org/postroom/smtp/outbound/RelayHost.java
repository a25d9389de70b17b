package org.postroom.smtp.outbound;

/**
 * A smart host that takes all outbound mail (without a per-domain route), with optional AUTH.
 *
 * @param username empty for no AUTH
 */
public record RelayHost(HostAndPort address, TlsMode tls, String username, String password) {

    public RelayHost {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    public boolean authenticates() {
        return !username.isEmpty();
    }

    @Override
    public String toString() {
        return "RelayHost[" + address + ", tls=" + tls + (authenticates() ? ", user=" + username : "") + "]";
    }
}

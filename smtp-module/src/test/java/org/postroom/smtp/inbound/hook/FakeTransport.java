package org.postroom.smtp.inbound.hook;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.postroom.smtp.inbound.InboundConfiguration;

/**
 * A real James SMTP session over a transport without a socket, for testing one policy at a time:
 * the client's address and TLS state are given, replies and pushed line handlers are recorded.
 */
public final class FakeTransport implements ProtocolTransport {

    public final List<Response> written = new ArrayList<>();
    public final List<LineHandler<? extends ProtocolSession>> lineHandlers = new ArrayList<>();
    private final InetSocketAddress remote;
    private final boolean tls;

    public FakeTransport(String ip, boolean tls) {
        this.remote = new InetSocketAddress(ip, 40000);
        this.tls = tls;
    }

    /** A session from {@code ip}, inside TLS or not. */
    public static SMTPSession session(String ip, boolean tls) {
        return new FakeTransport(ip, tls).session();
    }

    /** A session over this transport; AUTH is announced inside TLS, as Postroom's configuration does. */
    public SMTPSession session() {
        return new SMTPSessionImpl(this, new InboundConfiguration("mx.postroom.test", 10 * 1024 * 1024));
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress("127.0.0.1", 25);
    }

    @Override
    public String getId() {
        return "fake";
    }

    @Override
    public boolean isTLSStarted() {
        return tls;
    }

    @Override
    public boolean isStartTLSSupported() {
        return false;
    }

    @Override
    public Optional<SSLSession> getSSLSession() {
        return Optional.empty();
    }

    @Override
    public boolean isProxyRequired() {
        return false;
    }

    @Override
    public void writeResponse(Response response, ProtocolSession session) {
        written.add(response);
    }

    @Override
    public void popLineHandler() {
        lineHandlers.remove(lineHandlers.size() - 1);
    }

    @Override
    public void pushLineHandler(LineHandler<? extends ProtocolSession> handler, ProtocolSession session) {
        lineHandlers.add(handler);
    }

    @Override
    public void setReadable(boolean readable) {
    }

    @Override
    public boolean isReadable() {
        return true;
    }
}

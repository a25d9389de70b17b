package org.postroom.listener.tls;

import org.apache.james.protocols.api.ClientAuth;
import org.apache.james.protocols.netty.Encryption;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * A James {@link Encryption} over a Netty {@link SslContext}, so that the listeners can run on
 * either TLS engine ({@link TlsEngine}); James's own implementation knows only the JDK's.
 */
record SslContextEncryption(SslContext context, boolean isStartTLS) implements Encryption {

    @Override
    public boolean supportsEncryption() {
        return true;
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return context.cipherSuites().toArray(String[]::new);
    }

    @Override
    public ClientAuth getClientAuth() {
        return ClientAuth.NONE;
    }

    /**
     * A handler for one connection. {@code startTls} stays false even in STARTTLS mode: the
     * listeners write the "go ahead" reply before they add the handler.
     */
    @Override
    public SslHandler sslHandler() {
        return context.newHandler(ByteBufAllocator.DEFAULT);
    }
}

package org.postroom.listener.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * Which TLS implementation the listeners run on ({@code postroom.tls.engine}).
 *
 * <p>BoringSSL (Netty's netty-tcnative build, native code shipped in the jar) does a full
 * handshake and the record encryption in a fraction of the CPU the JDK 17 implementation needs;
 * POP3 and submission sessions are short and mostly handshake, so this decides how many sessions
 * a core serves (docs/PERFORMANCE.md). The JDK's implementation is the fallback for platforms
 * without a native library, and a choice for operators who want no native code in the process.
 */
public enum TlsEngine {

    /** BoringSSL where its native library loads on this machine, else the JDK's. */
    AUTO,
    /** BoringSSL; start-up fails when its native library cannot be loaded. */
    BORINGSSL,
    /** The JDK's own TLS (JSSE), with Bouncy Castle doing the handshake's public-key arithmetic. */
    JDK;

    /** The implementation this choice means on this machine; fails, saying why, when it cannot be had. */
    TlsEngine resolve() {
        if (this == AUTO) {
            return OpenSsl.isAvailable() ? BORINGSSL : JDK;
        }
        if (this == BORINGSSL && !OpenSsl.isAvailable()) {
            throw new IllegalStateException("postroom.tls.engine is boringssl, but BoringSSL's native library "
                    + "cannot be loaded on this machine: " + OpenSsl.unavailabilityCause());
        }
        return this;
    }

    SslProvider nettyProvider() {
        return this == JDK ? SslProvider.JDK : SslProvider.OPENSSL;
    }

    /** For the start-up log: "BoringSSL" with its version, or "JDK". */
    String describe() {
        return this == BORINGSSL ? OpenSsl.versionString() : "JDK " + System.getProperty("java.version");
    }
}

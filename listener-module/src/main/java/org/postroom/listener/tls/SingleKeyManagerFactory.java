package org.postroom.listener.tls;

import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;

/**
 * A factory that hands out one existing key manager. Netty's BoringSSL key cache wraps a
 * factory, not a key manager; nothing here reads a key store.
 */
final class SingleKeyManagerFactory extends KeyManagerFactory {

    SingleKeyManagerFactory(KeyManager keyManager) {
        super(new KeyManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore keyStore, char[] password) {
                // the key manager is complete already
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
                // the key manager is complete already
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return new KeyManager[] {keyManager};
            }
        }, null, "postroom");
    }
}

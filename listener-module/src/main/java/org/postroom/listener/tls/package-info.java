/**
 * TLS for the listeners: one Netty {@link io.netty.handler.ssl.SslContext} on BoringSSL or the JDK
 * ({@link org.postroom.listener.tls.TlsEngine}), restricted to TLS 1.2 and 1.3 with forward-secret
 * AEAD suites, over a certificate read from PEM files (or a self-signed one
 * generated once into the data directory), picked up again when the files change on disk so that a
 * renewed certificate needs no restart. {@link org.postroom.listener.tls.ListenerTls} is the entry
 * point; it hands out the James {@link org.apache.james.protocols.netty.Encryption} objects the
 * listeners use and describes the certificate in force for the admin console.
 */
package org.postroom.listener.tls;

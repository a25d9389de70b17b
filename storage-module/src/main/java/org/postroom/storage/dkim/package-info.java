/**
 * DKIM key material (RFC 6376), as pure functions over what storage keeps per domain: a new key
 * pair ({@link org.postroom.storage.dkim.DkimKeyPair#generate}), the DNS record that publishes the
 * public half ({@link org.postroom.storage.dkim.DkimRecord}), and the private half the signer uses
 * ({@link org.postroom.storage.dkim.DkimSigningKey}). The domain repository stores and reads the
 * keys; the console and the CLI show the record; signing itself is smtp-module's. This package
 * depends on no other package of storage.
 */
package org.postroom.storage.dkim;

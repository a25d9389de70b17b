/**
 * Secrets of the installation, shared by all its processes ({@code server_secret}): today the key
 * that signs SRS addresses. The console and the API never show them.
 */
package org.postroom.storage.secret;

package org.postroom.admin.security;

/**
 * How the REST API takes logins besides API tokens, which it always takes: {@code basicEnabled}
 * ({@code postroom.api.basic-enabled}) says whether an administrator's name and password over HTTP
 * Basic open it too. Switched off, a Basic login gets 401 like none.
 */
public record ApiLogins(boolean basicEnabled) {
}

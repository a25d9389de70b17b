package org.postroom.admin.tokens;

/**
 * A token to create: its {@code name}, {@code access} {@code read} or {@code write}, the one
 * {@code domain} it is narrowed to (none: all of its owner's) and for how many days it is valid
 * ({@code expiresInDays}, 1 to {@value OwnTokens#MAX_DAYS}; none: {@value OwnTokens#DEFAULT_DAYS}).
 */
public record NewToken(String name, String access, String domain, Integer expiresInDays) {
}

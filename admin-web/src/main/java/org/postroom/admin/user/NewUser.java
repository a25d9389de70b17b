package org.postroom.admin.user;

/**
 * The body of {@code POST /api/v1/users}.
 *
 * @param quotaBytes optional; absent or null for no limit
 */
public record NewUser(String address, String password, Long quotaBytes) {
}

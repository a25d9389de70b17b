package org.postroom.admin.security;

/**
 * Whether every administrator must sign in to the console with a second factor
 * ({@code postroom.admin.two-factor-required}, set by the server): one who has none is sent to
 * enrol at their next sign-in.
 */
public record AdministratorTwoFactor(boolean required) {
}

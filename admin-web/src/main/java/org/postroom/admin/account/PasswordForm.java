package org.postroom.admin.account;

/** The account page's password form. */
record PasswordForm(String currentPassword, String newPassword, String repeatPassword) {
}

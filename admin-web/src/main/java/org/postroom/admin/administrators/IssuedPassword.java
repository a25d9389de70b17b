package org.postroom.admin.administrators;

/**
 * A password Postroom generated for an administrator, answered this once: it opens only the page
 * where they choose their own.
 */
record IssuedPassword(AdministratorView administrator, String password) {
}

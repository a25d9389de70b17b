/**
 * Mail users: console pages and {@code /api/v1/users} to search, create, change (password, quota,
 * enabled) and delete them, with their quota usage.
 */
package org.postroom.admin.user;

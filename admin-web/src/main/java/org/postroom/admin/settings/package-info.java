/**
 * What the console shows about the server itself (host name, mail ports, TLS certificate), read
 * through {@link org.postroom.admin.settings.ServerSettings}, the one port the server module
 * implements for admin-web; and the read-only settings page and API.
 */
package org.postroom.admin.settings;

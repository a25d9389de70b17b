package org.postroom.admin.administrators;

import java.util.List;

/**
 * An administrator to create.
 *
 * @param role {@code server} or {@code domain}
 * @param domains a domain administrator's domains (at least one); none for a server administrator
 */
record NewAdministrator(String username, String role, List<String> domains) {
}

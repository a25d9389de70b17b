package org.postroom.admin.administrators;

import java.util.List;

/**
 * A change of an administrator; what is null stays as it is.
 *
 * @param role {@code server} or {@code domain}, given together with {@code domains} for a domain
 *        administrator: their domains are then exactly these
 * @param twoFactorRequired whether they must sign in with a second factor
 */
record AdministratorChange(String role, List<String> domains, Boolean twoFactorRequired) {
}

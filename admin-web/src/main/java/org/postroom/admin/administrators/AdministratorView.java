package org.postroom.admin.administrators;

import java.time.Instant;
import java.util.List;

import org.postroom.storage.directory.Administrator;

/**
 * An administrator as the API and the pages show them.
 *
 * @param role {@code server} or {@code domain}
 * @param domains a domain administrator's domains, empty for a server administrator
 * @param mustChangePassword true until they chose their own password after a generated one
 * @param twoFactorRequired whether a second factor is required of them (by their own rule)
 * @param twoFactorEnrolled whether they have one
 */
record AdministratorView(String username, String role, List<String> domains, boolean mustChangePassword,
        boolean twoFactorRequired, boolean twoFactorEnrolled, Instant createdAt) {

    static AdministratorView of(Administrator admin) {
        return new AdministratorView(admin.username(), AdministratorRole.of(admin.scope()).word(),
                List.copyOf(admin.scope().domains()), admin.mustChangePassword(), admin.twoFactorRequired(),
                admin.twoFactorEnrolled(), admin.createdAt());
    }
}

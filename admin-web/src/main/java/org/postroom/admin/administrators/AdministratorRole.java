package org.postroom.admin.administrators;

import java.util.List;
import java.util.Locale;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.AdministratorScope;

/** The two roles by the words the API and the forms use for them. */
enum AdministratorRole {
    SERVER, DOMAIN;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AdministratorRole of(AdministratorScope scope) {
        return scope.server() ? SERVER : DOMAIN;
    }

    /** @throws InvalidInputException for anything but {@code server} or {@code domain} */
    static AdministratorRole parse(String word) {
        if ("server".equals(word)) {
            return SERVER;
        }
        if ("domain".equals(word)) {
            return DOMAIN;
        }
        throw new InvalidInputException("role must be server or domain");
    }

    /**
     * The scope of this role with these domains (null: none).
     *
     * @throws InvalidInputException for a server administrator given domains
     */
    AdministratorScope scope(List<String> domains) {
        List<String> given = domains == null ? List.of() : domains.stream().filter(d -> d != null && !d.isBlank()).toList();
        if (this == SERVER) {
            if (!given.isEmpty()) {
                throw new InvalidInputException("a server administrator has no domains: leave domains out");
            }
            return AdministratorScope.serverAdministrator();
        }
        return AdministratorScope.domainAdministrator(given);
    }
}

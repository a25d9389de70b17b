package org.postroom.admin.console;

import java.security.Principal;

import org.postroom.admin.access.DomainAccess;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's frame needs: who is signed in (administrator or mail user), null when nobody,
 * and whether a server administrator is, who sees the whole server's sections (the navigation
 * leaves them out for a domain administrator, whom {@link DomainAccess} refuses them anyway).
 */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModel {

    private final DomainAccess access;

    ConsoleModel(DomainAccess access) {
        this.access = access;
    }

    @ModelAttribute("signedInAs")
    String signedInAs(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    @ModelAttribute("serverAdministrator")
    boolean serverAdministrator() {
        return access.serverAdministrator();
    }
}

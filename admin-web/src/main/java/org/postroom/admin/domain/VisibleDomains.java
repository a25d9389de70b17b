package org.postroom.admin.domain;

import java.util.List;

import org.postroom.admin.access.DomainAccess;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.stereotype.Component;

/** The domains the signed-in administrator manages, by name: every domain for a server administrator. */
@Component
public class VisibleDomains {

    private final DomainRepository domains;
    private final DomainAccess access;

    VisibleDomains(DomainRepository domains, DomainAccess access) {
        this.domains = domains;
        this.access = access;
    }

    public List<DomainView> list() {
        return access.filter(domains.list(), Domain::name).stream().map(DomainView::of).toList();
    }
}

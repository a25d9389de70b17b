package org.postroom.admin.audit;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.api.PageView;
import org.postroom.storage.audit.AuditLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The audit log's export: a server administrator reads every entry, a domain administrator those about their domains. */
@RestController
@Tag(name = "Audit log", description = "Changes, web logins and suspensions of sending: who, from where, when, what")
@RequestMapping("/api/v1/audit")
@DomainScoped
class AuditApi {

    private final AuditLog audit;
    private final DomainAccess access;

    AuditApi(AuditLog audit, DomainAccess access) {
        this.audit = audit;
        this.access = access;
    }

    @Operation(summary = "Audit entries, the newest first", description = "Filters: actor, action (ending in a dot: "
            + "every action it begins, e.g. user.), domain, from and until (an instant such as 2026-12-01T08:00:00Z, or "
            + "a day in UTC, until then including the day). page counts from 0, size is 1 to 500.")
    @GetMapping
    PageView<AuditEntryView> search(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String domain,
            @RequestParam(required = false) String from, @RequestParam(required = false) String until,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        PageView.requireValid(page, size);
        AuditFilter filter = new AuditFilter(actor, action, domain, from, until);
        return PageView.of(audit.search(filter.query(access.within()), page, size), AuditEntryView::of);
    }
}

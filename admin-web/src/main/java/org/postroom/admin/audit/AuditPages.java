package org.postroom.admin.audit;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.api.PageView;
import org.postroom.storage.audit.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log in the console, filtered as the API filters it, a page of {@value #PAGE_SIZE} at a time. */
@Controller
@DomainScoped
class AuditPages {

    static final int PAGE_SIZE = 50;

    private final AuditLog audit;
    private final DomainAccess access;

    AuditPages(AuditLog audit, DomainAccess access) {
        this.audit = audit;
        this.access = access;
    }

    @GetMapping("/audit")
    String list(AuditFilter filter, @RequestParam(defaultValue = "0") int page, Model model) {
        PageView.requireValid(page, PAGE_SIZE);
        model.addAttribute("entries", PageView.of(audit.search(filter.query(access.within()), page, PAGE_SIZE),
                AuditEntryView::of));
        model.addAttribute("filter", filter);
        return "audit/list";
    }
}

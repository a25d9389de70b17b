package org.postroom.admin.dashboard;

import org.postroom.admin.console.Formats;
import org.postroom.admin.limits.LimitsViews;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class DashboardPage {

    private final Dashboard dashboard;
    private final Formats formats;
    private final DomainRepository domains;
    private final LimitsViews limits;

    DashboardPage(Dashboard dashboard, Formats formats, DomainRepository domains, LimitsViews limits) {
        this.dashboard = dashboard;
        this.formats = formats;
        this.domains = domains;
        this.limits = limits;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        DashboardFigures figures = dashboard.figures();
        model.addAttribute("figures", figures);
        model.addAttribute("chart", TrafficChart.of(figures.lastDay(), formats));
        // whose postmaster@ and abuse@ mail waits in the quarantine, for want of anyone to read it
        model.addAttribute("unattendedDomains", domains.withUnattendedRoleAddresses());
        // whose sending is suspended, waiting for an administrator to lift it
        model.addAttribute("suspended", limits.suspended());
        return "dashboard/index";
    }
}

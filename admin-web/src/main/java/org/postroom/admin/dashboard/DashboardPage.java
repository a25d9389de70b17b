package org.postroom.admin.dashboard;

import org.postroom.admin.console.Formats;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class DashboardPage {

    private final Dashboard dashboard;
    private final Formats formats;
    private final DomainRepository domains;

    DashboardPage(Dashboard dashboard, Formats formats, DomainRepository domains) {
        this.dashboard = dashboard;
        this.formats = formats;
        this.domains = domains;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        DashboardFigures figures = dashboard.figures();
        model.addAttribute("figures", figures);
        model.addAttribute("chart", TrafficChart.of(figures.lastDay(), formats));
        // whose postmaster@ and abuse@ mail waits in the quarantine, for want of anyone to read it
        model.addAttribute("unattendedDomains", domains.withUnattendedRoleAddresses());
        return "dashboard/index";
    }
}

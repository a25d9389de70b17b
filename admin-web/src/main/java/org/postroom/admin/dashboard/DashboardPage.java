package org.postroom.admin.dashboard;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.console.Formats;
import org.postroom.admin.domain.DnsWatch;
import org.postroom.admin.limits.LimitsViews;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.settings.SpoolSpace;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's first page. Its figures are the whole server's traffic, so a domain administrator
 * is sent on to their domains instead (docs/adr/0010-domain-administrators.md).
 */
@Controller
@DomainScoped
class DashboardPage {

    private final Dashboard dashboard;
    private final Formats formats;
    private final DomainRepository domains;
    private final LimitsViews limits;
    private final DomainAccess access;
    private final ServerSettings server;
    private final DnsWatch dns;

    DashboardPage(Dashboard dashboard, Formats formats, DomainRepository domains, LimitsViews limits,
            DomainAccess access, ServerSettings server, DnsWatch dns) {
        this.dns = dns;
        this.access = access;
        this.dashboard = dashboard;
        this.formats = formats;
        this.domains = domains;
        this.limits = limits;
        this.server = server;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        if (!access.serverAdministrator()) {
            return "redirect:/domains";
        }
        DashboardFigures figures = dashboard.figures();
        model.addAttribute("figures", figures);
        model.addAttribute("chart", TrafficChart.of(figures.lastDay(), formats));
        // whose postmaster@ and abuse@ mail waits in the quarantine, for want of anyone to read it
        model.addAttribute("unattendedDomains", domains.withUnattendedRoleAddresses());
        // whose sending is suspended, waiting for an administrator to lift it
        model.addAttribute("suspended", limits.suspended());
        // a spool disk too full to take mail: every sender is being told 452 4.3.1 meanwhile
        model.addAttribute("fullSpool", server.spool().filter(SpoolSpace::full).orElse(null));
        // as the last background check found them: the page never waits for DNS
        model.addAttribute("dnsMissing", dns.missing());
        return "dashboard/index";
    }
}

package org.postroom.admin.dashboard;

import org.postroom.admin.console.Formats;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class DashboardPage {

    private final Dashboard dashboard;
    private final Formats formats;

    DashboardPage(Dashboard dashboard, Formats formats) {
        this.dashboard = dashboard;
        this.formats = formats;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        DashboardFigures figures = dashboard.figures();
        model.addAttribute("figures", figures);
        model.addAttribute("chart", TrafficChart.of(figures.lastDay(), formats));
        return "dashboard/index";
    }
}

package org.postroom.admin.dashboard;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Statistics", description = "The dashboard's figures")
class DashboardApi {

    private final Dashboard dashboard;

    DashboardApi(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Operation(summary = "The dashboard's figures", description = "Counts, queue depth, today's traffic, "
            + "messages per hour for the last 24 hours and the latest failed deliveries.")
    @GetMapping("/api/v1/stats")
    DashboardFigures stats() {
        return dashboard.figures();
    }
}

package org.postroom.admin.settings;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The read-only settings: changed in the configuration, shown here. */
@Controller
class SettingsPages {

    private static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final ServerSettings server;

    SettingsPages(ServerSettings server) {
        this.server = server;
    }

    @GetMapping("/settings")
    String settings(Model model) {
        SettingsView settings = SettingsView.of(server);
        model.addAttribute("settings", settings);
        model.addAttribute("expiresSoon", settings.certificate() != null
                && settings.certificate().expiresWithin(EXPIRY_WARNING, Instant.now()));
        return "settings/index";
    }
}

package org.postroom.admin.settings;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Settings", description = "The server's read-only settings")
class SettingsApi {

    private final ServerSettings server;

    SettingsApi(ServerSettings server) {
        this.server = server;
    }

    @Operation(summary = "The server's host name, mail ports and TLS certificate")
    @GetMapping("/api/v1/settings")
    SettingsView settings() {
        return SettingsView.of(server);
    }
}

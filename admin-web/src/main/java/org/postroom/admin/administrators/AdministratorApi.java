package org.postroom.admin.administrators;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.postroom.storage.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The administrators, for server administrators only (a domain administrator gets 403). */
@RestController
@Tag(name = "Administrators", description = "Server and domain administrators of the console and this API")
@RequestMapping("/api/v1/administrators")
class AdministratorApi {

    private final Administrators administrators;

    AdministratorApi(Administrators administrators) {
        this.administrators = administrators;
    }

    @Operation(summary = "Every administrator, by name")
    @GetMapping
    List<AdministratorView> list() {
        return administrators.list().stream().map(AdministratorView::of).toList();
    }

    @Operation(summary = "One administrator")
    @GetMapping("/{username}")
    AdministratorView get(@PathVariable String username) {
        return AdministratorView.of(administrators.find(username));
    }

    @Operation(summary = "Create an administrator", description = "role server or domain (then with at least one "
            + "domain). The answer holds a generated password, shown only here, that opens nothing but the page "
            + "where they choose their own. 400 for a bad name, role or an unknown domain; 409 when the name is taken.")
    @PostMapping
    ResponseEntity<IssuedPassword> create(@RequestBody NewAdministrator body, Principal by) {
        String password = administrators.create(body.username(),
                AdministratorRole.parse(body.role()).scope(body.domains()), by);
        URI location = UriComponentsBuilder.fromPath("/api/v1/administrators/{username}").buildAndExpand(body.username())
                .toUri();
        return ResponseEntity.created(location)
                .body(new IssuedPassword(AdministratorView.of(administrators.find(body.username())), password));
    }

    @Operation(summary = "Change an administrator's role and domains, or whether a second factor is required of them",
            description = "role with domains (a domain administrator's domains are then exactly these); "
                    + "twoFactorRequired. 409 for the last server administrator made a domain administrator.")
    @PatchMapping("/{username}")
    AdministratorView change(@PathVariable String username, @RequestBody AdministratorChange body, Principal by) {
        if (body.role() == null && body.domains() != null) {
            throw new InvalidInputException("domains need a role: give role domain with them");
        }
        administrators.find(username);
        if (body.role() != null) {
            administrators.changeScope(username, AdministratorRole.parse(body.role()).scope(body.domains()), by);
        }
        if (body.twoFactorRequired() != null) {
            administrators.requireTwoFactor(username, body.twoFactorRequired(), by);
        }
        return AdministratorView.of(administrators.find(username));
    }

    @Operation(summary = "Reset an administrator's password", description = "The answer holds a generated password, "
            + "shown only here; they must choose their own at the next sign-in.")
    @PostMapping("/{username}/password")
    IssuedPassword resetPassword(@PathVariable String username, Principal by) {
        String password = administrators.resetPassword(username, by);
        return new IssuedPassword(AdministratorView.of(administrators.find(username)), password);
    }

    @Operation(summary = "Remove an administrator's second factor", description = "They sign in with the password "
            + "alone, or enrol again at the next sign-in when a second factor is required of them.")
    @DeleteMapping("/{username}/two-factor")
    ResponseEntity<Void> resetTwoFactor(@PathVariable String username, Principal by) {
        administrators.resetTwoFactor(username, by);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Delete an administrator", description = "409 for yourself and for the last server administrator.")
    @DeleteMapping("/{username}")
    ResponseEntity<Void> delete(@PathVariable String username, Principal by) {
        administrators.delete(username, by);
        return ResponseEntity.noContent().build();
    }
}

package org.postroom.admin.alias;

import java.net.URI;
import java.util.List;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.console.Links;
import org.postroom.admin.domain.UnknownDomain;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Alias;
import org.postroom.storage.directory.AliasRepository;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Aliases", description = "Addresses that forward, and catch-alls")
@RequestMapping("/api/v1/aliases")
@DomainScoped
class AliasApi {

    private final AliasRepository aliases;
    private final DomainAccess access;

    AliasApi(AliasRepository aliases, DomainAccess access) {
        this.aliases = aliases;
        this.access = access;
    }

    @Operation(summary = "Create an alias", description = "\"@example.com\" is the domain's catch-all. Targets may "
            + "be local or external addresses. 400 for an unknown domain, 409 when a user or alias has the address.")
    @PostMapping
    ResponseEntity<AliasView> create(@RequestBody NewAlias body) {
        access.requireAddress(body.address());
        Alias alias = UnknownDomain.asInvalidInput(() -> aliases.create(body.address(), body.targets()));
        URI location = URI.create("/api/v1" + Links.path("aliases", alias.address()));
        return ResponseEntity.created(location).body(AliasView.of(alias));
    }

    @Operation(summary = "Aliases by address, optionally only of one domain")
    @GetMapping
    List<AliasView> list(@RequestParam(required = false) String domain) {
        return access.filter(aliases.list(domain), alias -> DomainAccess.domainOf(alias.address())).stream().map(AliasView::of).toList();
    }

    @Operation(summary = "One alias")
    @GetMapping("/{address}")
    AliasView get(@PathVariable String address) {
        return aliases.find(address).map(AliasView::of).orElseThrow(() -> new NotFoundException("no alias " + address));
    }

    @Operation(summary = "Delete an alias")
    @DeleteMapping("/{address}")
    ResponseEntity<Void> delete(@PathVariable String address) {
        aliases.delete(address);
        return ResponseEntity.noContent().build();
    }
}

package org.postroom.admin.user;

import java.net.URI;
import java.util.Map;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.api.PageView;
import org.postroom.admin.console.Links;
import org.postroom.admin.domain.UnknownDomain;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.UserAccount;
import org.postroom.storage.directory.UserRepository;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Users", description = "Mail users: logins, passwords, quotas")
@RequestMapping("/api/v1/users")
@DomainScoped
class UserApi {

    private final UserRepository users;
    private final DomainAccess access;

    UserApi(UserRepository users, DomainAccess access) {
        this.users = users;
        this.access = access;
    }

    @Operation(summary = "Create a user", description = "The address's domain must be one of this server's (400 "
            + "otherwise); 409 when a user or alias has the address. quotaBytes is optional.")
    @PostMapping
    ResponseEntity<UserView> create(@RequestBody NewUser body) {
        access.requireAddress(body.address());
        UserAccount user = UnknownDomain.asInvalidInput(
                () -> users.create(body.address(), body.password(), body.quotaBytes()));
        URI location = URI.create("/api/v1" + Links.path("users", user.address()));
        return ResponseEntity.created(location).body(UserView.of(user));
    }

    @Operation(summary = "Search users", description = "By address, optionally only of one domain and only those "
            + "whose address contains q; pages count from 0.")
    @GetMapping
    PageView<UserView> search(@RequestParam(required = false) String domain, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageView.requireValid(page, size);
        return PageView.of(users.search(domain, access.within(), q, page, size), UserView::of);
    }

    @Operation(summary = "One user with their quota usage")
    @GetMapping("/{address}")
    UserView get(@PathVariable String address) {
        return UserView.of(find(address));
    }

    @Operation(summary = "Change a user's password, quota, enabled flag or quarantine digest",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = UserChange.class))))
    @PatchMapping(path = "/{address}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
    UserView change(@PathVariable String address, @RequestBody Map<String, Object> body) {
        UserChange change = UserChange.from(body);
        find(address);
        // all fields in one transaction: a failure half-way must not leave a half-changed user
        users.update(address, change.toUpdate());
        return UserView.of(find(address));
    }

    @Operation(summary = "Delete a user with all their mail")
    @DeleteMapping("/{address}")
    ResponseEntity<Void> delete(@PathVariable String address) {
        users.delete(address);
        return ResponseEntity.noContent().build();
    }

    private UserAccount find(String address) {
        return users.find(address).orElseThrow(() -> new NotFoundException("no user " + address));
    }
}

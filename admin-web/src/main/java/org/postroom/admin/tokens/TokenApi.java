package org.postroom.admin.tokens;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.postroom.admin.access.NoDomainData;
import org.postroom.storage.tokens.NewApiToken;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The signed-in administrator's own API tokens, with a password login only (a token manages no
 * tokens: the security chain answers 403), so a token narrowed to a domain cannot make one that is not.
 */
@RestController
@Tag(name = "API tokens", description = "Your own tokens for scripts: Authorization: Bearer <token> on /api")
@RequestMapping("/api/v1/tokens")
@NoDomainData
class TokenApi {

    private final OwnTokens tokens;

    TokenApi(OwnTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "Your tokens, the newest first, revoked and expired ones too (never their values)")
    @GetMapping
    List<TokenView> list(Principal owner) {
        return tokens.list(owner.getName()).stream().map(TokenView::of).toList();
    }

    @Operation(summary = "Create a token", description = "name; access read (GET only) or write; domain (optional: "
            + "the token manages that one of your domains only); expiresInDays (1 to 3650, default 90). The answer "
            + "holds the token's value, shown only here. 404 for a domain you do not manage; 409 for a name you use.")
    @PostMapping
    ResponseEntity<IssuedToken> create(@RequestBody NewToken body, Principal owner) {
        NewApiToken created = tokens.create(owner.getName(), body);
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.token().id()))
                .body(new IssuedToken(TokenView.of(created.token()), created.value()));
    }

    @Operation(summary = "Revoke one of your tokens", description = "It opens nothing from the next request on; "
            + "it stays in the list as revoked. 404 for a token that is not yours.")
    @DeleteMapping("/{id}")
    TokenView revoke(@PathVariable long id, Principal owner) {
        return TokenView.of(tokens.revoke(owner.getName(), id));
    }
}

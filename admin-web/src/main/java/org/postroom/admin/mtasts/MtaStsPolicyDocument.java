package org.postroom.admin.mtasts;

import java.util.Locale;
import java.util.Optional;

import org.postroom.admin.access.NoDomainData;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * RFC 8461 §3.3: senders fetch {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}, and the
 * Host they asked for says whose policy they want. Open to anyone, and read from the database each
 * time, so that every process answers the same. 404 for a host that is no {@code mta-sts.} name of
 * ours, and for a domain in mode none (a sender then has no policy, RFC 8461 §3.3). The console's
 * HTTPS port serves it with the certificate ACME obtains, which names {@code mta-sts.<domain>}.
 */
@RestController
@NoDomainData
class MtaStsPolicyDocument {

    static final String PATH = "/.well-known/mta-sts.txt";
    private static final String PREFIX = "mta-sts.";

    private final DomainRepository domains;
    private final ServerSettings server;

    MtaStsPolicyDocument(DomainRepository domains, ServerSettings server) {
        this.domains = domains;
        this.server = server;
    }

    @GetMapping(PATH)
    ResponseEntity<String> policy(HttpServletRequest request) {
        return policyFor(request.getServerName())
                .map(policy -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(policy.text()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private Optional<MtaStsPolicy> policyFor(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
            return Optional.empty();
        }
        return domains.find(name.substring(PREFIX.length()))
                .flatMap(domain -> MtaStsPolicy.of(domain, server.hostname()));
    }
}

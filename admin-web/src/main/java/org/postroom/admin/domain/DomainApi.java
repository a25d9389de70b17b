package org.postroom.admin.domain;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.access.DomainScoped;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;
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
import org.springframework.web.util.UriComponentsBuilder;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Domains", description = "Mail domains and the DNS records to publish for them")
@RequestMapping("/api/v1/domains")
class DomainApi {

    private final DomainRepository domains;
    private final DnsRecords dnsRecords;
    private final DnsCheck dnsCheck;

    private final VisibleDomains visible;
    private final DomainAccess access;

    DomainApi(DomainRepository domains, DnsRecords dnsRecords, DnsCheck dnsCheck, VisibleDomains visible,
            DomainAccess access) {
        this.dnsCheck = dnsCheck;
        this.access = access;
        this.domains = domains;
        this.dnsRecords = dnsRecords;
        this.visible = visible;
    }

    @Operation(summary = "Add a domain", description = "IDN names are accepted and stored in punycode. "
            + "The domain gets its own DKIM key. postmasterTarget: where postmaster@ and abuse@ go (a local user "
            + "or alias, or an external address); without it their mail waits in the quarantine. 409 when it exists.")
    @PostMapping
    ResponseEntity<DomainView> create(@RequestBody NewDomain body) {
        Domain domain = domains.create(body.name(), body.postmasterTarget());
        URI location = UriComponentsBuilder.fromPath("/api/v1/domains/{name}").buildAndExpand(domain.name()).toUri();
        return ResponseEntity.created(location).body(DomainView.of(domain));
    }

    @Operation(summary = "Every domain, by name (a domain administrator's own)")
    @GetMapping
    @DomainScoped
    List<DomainView> list() {
        return visible.list();
    }

    @Operation(summary = "One domain")
    @GetMapping("/{name}")
    @DomainScoped
    DomainView get(@PathVariable String name) {
        return DomainView.of(find(name));
    }

    @Operation(summary = "Change a domain's postmaster target, its quarantine digest or its MTA-STS mode",
            description = "JSON merge patch: {\"postmasterTarget\": \"noc@example.net\"} (null removes it), "
                    + "{\"quarantineDigest\": false} (none of its users gets the daily digest of held mail), "
                    + "{\"mtaSts\": \"enforce\"} (the MTA-STS policy mode: none, testing or enforce); all "
                    + "given fields change together or none. 400 for a target at one of our domains that is no user "
                    + "or alias there.")
    @PatchMapping(path = "/{name}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
    @DomainScoped
    DomainView change(@PathVariable String name, @RequestBody Map<String, Object> body) {
        DomainChange change = DomainChange.from(body);
        access.requireTargetWithin(change.postmasterTarget());
        return DomainView.of(domains.update(name, change.toUpdate()));
    }

    @Operation(summary = "Delete a domain", description = "409 while it has users, unless force=true, "
            + "which deletes its users with their mail and its aliases too.")
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        domains.delete(name, force);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The DNS records to publish for a domain",
            description = "MX, SPF, DKIM, DMARC, autoconfig and autodiscover CNAMEs, SRV records (RFC 6186), TLS-RPT "
                    + "(RFC 8460) and, unless the MTA-STS mode is none, the _mta-sts TXT and mta-sts CNAME (RFC 8461).")
    @GetMapping("/{name}/dns")
    @DomainScoped
    List<DnsRecord> dns(@PathVariable String name) {
        return dnsRecords.of(find(name));
    }

    @Operation(summary = "The DNS records to publish for a domain, each looked up in DNS now",
            description = "Each record with state PUBLISHED, MISSING, DIFFERENT (published: what DNS has instead) or "
                    + "UNKNOWN (the lookup failed; note says why), and last the PTR record of each address of the "
                    + "server's host name, which must name the host.")
    @GetMapping(path = "/{name}/dns", params = "check=true")
    @DomainScoped
    List<CheckedRecord> checkedDns(@PathVariable String name) {
        return dnsCheck.check(find(name));
    }

    private Domain find(String name) {
        return domains.find(name).orElseThrow(() -> new NotFoundException("no domain " + name));
    }
}

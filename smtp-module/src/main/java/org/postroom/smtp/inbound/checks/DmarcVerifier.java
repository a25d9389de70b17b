package org.postroom.smtp.inbound.checks;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.postroom.smtp.dns.DnsAnswer;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.checks.DmarcResult.Disposition;
import org.postroom.smtp.inbound.checks.DmarcResult.Policy;
import org.postroom.smtp.inbound.checks.DmarcResult.Status;
import org.xbill.DNS.Type;

/**
 * DMARC (RFC 7489) of one author domain, from the SPF and DKIM verdicts already found: the policy
 * record at {@code _dmarc.<domain>}, else at its organisational domain's (§6.6.3); a pass when SPF
 * passed for an aligned domain or an aligned DKIM signature passed (§3.1, {@code aspf}/{@code
 * adkim} relaxed or strict); else the policy, {@code p=} or {@code sp=} for a subdomain, applied to
 * {@code pct=} percent of the failures and the next milder policy to the rest (§6.6.4). A DNS
 * failure never rejects: it is a temperror, and defers the message only where a pass was still
 * possible and the policy would reject it.
 */
final class DmarcVerifier {

    private final DnsResolver dns;

    DmarcVerifier(DnsResolver dns) {
        this.dns = dns;
    }

    /** The verdict on {@code domain}; {@code spf} is null when SPF was not checked. */
    DmarcResult verify(String domain, SpfResult spf, List<DkimResult> dkim) {
        Discovery discovery = discover(domain);
        if (discovery instanceof Unreachable) {
            return new DmarcResult(Status.TEMPERROR, domain, Policy.NONE, Disposition.NONE, "policy lookup failed");
        }
        if (discovery instanceof Unusable unusable) {
            return new DmarcResult(Status.PERMERROR, domain, Policy.NONE, Disposition.NONE, unusable.reason());
        }
        if (!(discovery instanceof Found found)) {
            return new DmarcResult(Status.NONE, domain, Policy.NONE, Disposition.NONE, "");
        }
        DmarcRecord record = found.record();
        Policy policy = found.organizational() ? record.subdomainPolicy() : record.policy();
        boolean spfAligned = spf != null && aligned(spf.domain(), domain, record.strictSpf());
        if (spfAligned && spf.status() == SpfResult.Status.PASS || dkim.stream()
                .anyMatch(r -> r.status() == DkimResult.Status.PASS && aligned(r.domain(), domain, record.strictDkim()))) {
            return new DmarcResult(Status.PASS, domain, policy, Disposition.NONE, "");
        }
        Policy applied = ThreadLocalRandom.current().nextInt(100) < record.percent() ? policy : policy.lower();
        boolean unsure = spfAligned && spf.status() == SpfResult.Status.TEMPERROR || dkim.stream()
                .anyMatch(r -> r.status() == DkimResult.Status.TEMPERROR && aligned(r.domain(), domain, record.strictDkim()));
        if (unsure) {
            return new DmarcResult(Status.TEMPERROR, domain, policy,
                    applied == Policy.REJECT ? Disposition.DEFER : Disposition.NONE, "SPF or DKIM could not be checked");
        }
        return new DmarcResult(Status.FAIL, domain, policy, disposition(applied), "");
    }

    /** §6.6.3: the author domain's record, else (when it has none) its organisational domain's. */
    private Discovery discover(String domain) {
        Discovery own = recordAt(domain, false);
        String organizational = OrganizationalDomain.of(domain);
        return own instanceof NoRecord && !organizational.equals(domain) ? recordAt(organizational, true) : own;
    }

    private Discovery recordAt(String domain, boolean organizational) {
        DnsAnswer answer = dns.lookup("_dmarc." + domain, Type.TXT);
        if (answer instanceof DnsAnswer.Failed) {
            return new Unreachable();
        }
        if (!(answer instanceof DnsAnswer.Found found)) {
            return new NoRecord();
        }
        List<String> records = found.texts().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.isEmpty()) {
            return new NoRecord();
        }
        if (records.size() > 1) {
            return new Unusable("several DMARC records at _dmarc." + domain);
        }
        try {
            return new Found(DmarcRecord.parse(records.get(0)), organizational);
        } catch (IllegalArgumentException e) {
            return new Unusable(e.getMessage());
        }
    }

    /**
     * Whether {@code identifier} (the SPF or DKIM domain; "" for none) is aligned with the author
     * domain: the same domain when {@code strict}, else the same organisational domain (§3.1).
     */
    static boolean aligned(String identifier, String author, boolean strict) {
        if (identifier.isEmpty()) {
            return false;
        }
        return strict ? identifier.equalsIgnoreCase(author) : OrganizationalDomain.relaxedAligned(identifier, author);
    }

    private static Disposition disposition(Policy policy) {
        return switch (policy) {
            case NONE -> Disposition.NONE;
            case QUARANTINE -> Disposition.QUARANTINE;
            case REJECT -> Disposition.REJECT;
        };
    }

    /** What the search for a policy record came to. */
    private sealed interface Discovery permits Found, NoRecord, Unreachable, Unusable {
    }

    private record Found(DmarcRecord record, boolean organizational) implements Discovery {
    }

    private record NoRecord() implements Discovery {
    }

    private record Unreachable() implements Discovery {
    }

    private record Unusable(String reason) implements Discovery {
    }
}

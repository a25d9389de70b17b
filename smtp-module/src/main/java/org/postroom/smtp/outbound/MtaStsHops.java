package org.postroom.smtp.outbound;

import static org.postroom.smtp.reply.Codes.SE_POLICY7_OTHER0;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.postroom.smtp.outbound.NextHops.Hosts;
import org.postroom.smtp.outbound.NextHops.Unresolved;
import org.postroom.smtp.outbound.mtasts.MtaStsPolicies;
import org.postroom.smtp.outbound.mtasts.MtaStsPolicy;
import org.postroom.smtp.outbound.mtasts.MtaStsPolicy.Mode;
import org.postroom.smtp.reply.Diagnosis;

/**
 * What a recipient domain's MTA-STS policy (RFC 8461 §5) makes of the MX hosts DNS gave. Enforce:
 * only the hosts the policy's {@code mx} patterns match, each reached over STARTTLS with a
 * certificate valid for its name ({@link TlsMode#MTA_STS}, which never falls back to plain text);
 * none matching defers the mail with the reason, so it bounces saying so when the retry period
 * ends. Testing: the hosts as they are, opportunistic TLS as without a policy, and a finding for
 * each host the policy would not allow. None, or no policy: the hosts as they are.
 */
public final class MtaStsHops {

    private final MtaStsPolicies policies;
    private final CertificateTrust trust;

    /** Policies from {@code policies}; MX certificates verified against {@code trust}. */
    public MtaStsHops(MtaStsPolicies policies, CertificateTrust trust) {
        this.policies = policies;
        this.trust = trust;
    }

    NextHops apply(String domain, Hosts found) {
        Optional<MtaStsPolicy> policy = policies.policyFor(domain);
        if (policy.isEmpty() || policy.get().mode() == Mode.NONE) {
            return found;
        }
        List<NextHop> allowed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (NextHop hop : found.hosts()) {
            if (policy.get().permits(hop.host())) {
                allowed.add(hop);
            } else {
                refused.add(hop.host());
            }
        }
        if (policy.get().mode() == Mode.TESTING) {
            return new Hosts(found.hosts(), refused.stream().map(host -> "MX host " + host
                    + " does not match the MTA-STS policy of " + domain + " (mode testing, mx " + policy.get().mx() + ")")
                    .toList());
        }
        if (allowed.isEmpty()) {
            return new Unresolved(Diagnosis.temporary(SE_POLICY7_OTHER0, "MTA-STS policy of " + domain
                    + " (mode enforce, mx " + policy.get().mx() + ") allows none of its MX hosts " + refused
                    + "; message not sent"));
        }
        return new Hosts(allowed.stream().map(hop -> hop.enforced(trust)).toList());
    }
}

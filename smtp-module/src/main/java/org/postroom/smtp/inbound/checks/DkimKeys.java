package org.postroom.smtp.inbound.checks;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.postroom.smtp.dns.DnsAnswer;
import org.postroom.smtp.dns.DnsResolver;
import org.xbill.DNS.Type;

/**
 * The public keys of the signatures of one message, from {@code <selector>._domainkey.<domain>}
 * (RFC 6376 §3.6.2) through the server's resolver. A DNS failure is a temporary failure (§6.1.2:
 * temperror); a key that is not there or revoked ({@code p=} empty, §3.6.1) is remembered, since
 * RFC 8601 calls that permerror where jDKIM says fail. One per message: it keeps what it found.
 */
final class DkimKeys implements PublicKeyRecordRetriever {

    private static final Pattern REVOKED = Pattern.compile("(^|;)\\s*p\\s*=\\s*(;|$)");

    private final DnsResolver dns;
    private final Map<String, String> unusable = new HashMap<>();

    DkimKeys(DnsResolver dns) {
        this.dns = dns;
    }

    @Override
    public List<String> getRecords(CharSequence method, CharSequence selector, CharSequence domain)
            throws TempFailException, PermFailException {
        String name = selector + "._domainkey." + domain;
        if (!"dns/txt".equalsIgnoreCase(method.toString())) {
            // RFC 6376 §3.5, q=: dns/txt is the only method defined
            unusable.put(key(domain, selector), "unknown key query method");
            throw new PermFailException("unknown key query method " + method);
        }
        DnsAnswer answer = dns.lookup(name, Type.TXT);
        if (answer instanceof DnsAnswer.Failed failed) {
            throw new TempFailException(failed.reason());
        }
        if (answer instanceof DnsAnswer.Found found) {
            List<String> keys = found.texts();
            if (keys.stream().anyMatch(key -> REVOKED.matcher(key).find())) {
                unusable.put(key(domain, selector), "key revoked");
            }
            return keys;
        }
        unusable.put(key(domain, selector), "no key for signature");
        return List.of();
    }

    /** Why the key of {@code selector} at {@code domain} could not be used, if it could not. */
    Optional<String> unusable(String domain, String selector) {
        return Optional.ofNullable(unusable.get(key(domain, selector)));
    }

    private static String key(CharSequence domain, CharSequence selector) {
        return (selector + "._domainkey." + domain).toLowerCase(Locale.ROOT);
    }
}

package org.postroom.smtp.inbound.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.checks.DkimResult.Status;
import org.postroom.storage.Printable;

/**
 * DKIM (RFC 6376): every DKIM-Signature field of the message verified with Apache jDKIM, one
 * verdict each. The spooled message is streamed: jDKIM checks the header signatures (and fetches
 * the keys, {@link DkimKeys}) from the header section, then hashes the body for all signatures in
 * one pass, so a large message is never held in memory. It only records the verdicts; what follows
 * from them is decided by {@link OwnDomainCheck} and {@link DmarcCheck}.
 */
final class DkimCheck extends CheckHook {

    /** RFC 6008 §2: enough of b= to tell two signatures apart. */
    private static final int SIGNATURE_PREFIX = 12;

    private final DnsResolver dns;
    private final CheckMeters meters;

    DkimCheck(DnsResolver dns, CheckMeters meters) {
        super("verify DKIM signatures");
        this.dns = dns;
        this.meters = meters;
    }

    @Override
    HookResult check(SMTPSession session, MailEnvelope message, MessageAuthentication findings) throws IOException {
        int headerLength = findings.headerSection(message).length;
        List<DkimResult> results;
        try (InputStream content = message.getMessageInputStream()) {
            content.skipNBytes(headerLength);
            results = verify(findings.headerFields(message), content);
        }
        findings.dkim(results);
        if (results.isEmpty()) {
            meters.checked("dkim", "none");
        }
        results.forEach(result -> meters.checked("dkim", result.status().word()));
        return HookResult.DECLINED;
    }

    /** The verdicts on the signatures of a message whose header fields and body are given; none without signatures. */
    List<DkimResult> verify(HeaderFields headers, InputStream body) throws IOException {
        DkimKeys keys = new DkimKeys(dns);
        DKIMVerifier verifier = new DKIMVerifier(keys);
        try {
            BodyHasher hasher = verifier.newBodyHasher(headers);
            if (hasher == null) {
                return List.of();
            }
            try (OutputStream out = hasher.getOutputStream()) {
                body.transferTo(out);
            }
            verifier.verify(hasher);
        } catch (FailException noSignatureVerified) {
            // every signature's own verdict is among the verifier's results
        }
        List<String> fields = headers.getFields("DKIM-Signature").stream().map(DkimCheck::withoutSpace).toList();
        return verifier.getResults().stream()
                .sorted(Comparator.comparingInt(result -> position(fields, result)))
                .map(result -> verdict(result, keys)).toList();
    }

    private static DkimResult verdict(Result result, DkimKeys keys) {
        if (result.getResultType() == Result.Type.PERMERROR) {
            // a field jDKIM could not read at all: it names no domain
            return new DkimResult(Status.PERMERROR, "", "", "", reason(result));
        }
        SignatureRecord record = result.getRecord();
        String domain = record.getDToken().toString().toLowerCase(Locale.ROOT);
        String selector = record.getSelector().toString();
        String signature = prefix(record);
        return switch (result.getResultType()) {
            case PASS -> new DkimResult(Status.PASS, domain, selector, signature, "");
            case TEMPERROR -> new DkimResult(Status.TEMPERROR, domain, selector, signature, reason(result));
            case FAIL -> keys.unusable(domain, selector)
                    .map(why -> new DkimResult(Status.PERMERROR, domain, selector, signature, why))
                    .orElseGet(() -> "rsa".equalsIgnoreCase(record.getHashKeyType().toString())
                            ? new DkimResult(Status.FAIL, domain, selector, signature, reason(result))
                            // RFC 6376 §3.3: a verifier ignores what it cannot verify (ed25519 here)
                            : new DkimResult(Status.PERMERROR, domain, selector, signature, "unsupported algorithm"));
            default -> new DkimResult(Status.PERMERROR, domain, selector, signature, reason(result));
        };
    }

    private static String reason(Result result) {
        return result.getErrorMessage() == null ? "" : Printable.asciiLine(result.getErrorMessage());
    }

    private static String prefix(SignatureRecord record) {
        CharSequence raw = record.getRawSignature();
        String signature = raw == null ? "" : withoutSpace(raw.toString());
        return signature.substring(0, Math.min(SIGNATURE_PREFIX, signature.length()));
    }

    /** Where the signature stands among the DKIM-Signature fields; an unreadable one last. */
    private static int position(List<String> fields, Result result) {
        String signature = result.getResultType() == Result.Type.PERMERROR ? "" : prefix(result.getRecord());
        for (int i = 0; i < fields.size() && !signature.isEmpty(); i++) {
            if (fields.get(i).contains(signature)) {
                return i;
            }
        }
        return fields.size();
    }

    private static String withoutSpace(String text) {
        return text.replaceAll("\\s+", "");
    }
}

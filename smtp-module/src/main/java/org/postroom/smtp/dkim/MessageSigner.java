package org.postroom.smtp.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.dkim.DkimSigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DKIM-signs outgoing mail (RFC 6376) with the key of one of our domains, the first of the
 * candidates the caller names (which mail may be signed at all, and for which domain, is the
 * caller's decision: outbound delivery's {@code OutgoingMessages}). Signs with rsa-sha256 and
 * relaxed/relaxed canonicalisation, so that the usual re-folding of headers and whitespace on the
 * way does not break the signature.
 *
 * <p>The signed header set is the one that identifies a message to its reader. From is listed
 * twice (over-signing, RFC 6376 §8.15), so that a second From: added on the way fails
 * verification rather than being shown beside a valid signature.
 */
public final class MessageSigner {

    static final String SIGNED_HEADERS = "from:from:reply-to:subject:date:to:cc:in-reply-to:references"
            + ":message-id:mime-version:content-type:content-transfer-encoding";

    private static final Logger log = LoggerFactory.getLogger(MessageSigner.class);

    private final DomainRepository domains;

    public MessageSigner(DomainRepository domains) {
        this.domains = domains;
    }

    /**
     * The complete "DKIM-Signature: ..." field (one line, no CRLF) to put in front of
     * {@code message}, signed for the first of {@code candidates} that is one of our domains;
     * empty when none is (then {@code message} is not read). {@code message} is not closed.
     *
     * @throws IOException when reading the message fails
     */
    public Optional<String> signature(List<String> candidates, InputStream message) throws IOException {
        Optional<DkimSigningKey> key = Optional.empty();
        for (int i = 0; i < candidates.size() && key.isEmpty(); i++) {
            key = domains.signingKey(candidates.get(i));
        }
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DKIMSigner(template(key.get()), privateKey(key.get())).sign(message));
        } catch (FailException e) {
            // a message jDKIM cannot parse still goes out; the receiver judges it unsigned
            log.warn("DKIM signing for {} failed, sending unsigned: {}", key.get().domain(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String template(DkimSigningKey key) {
        // empty t=, bh= and b= are filled in by jDKIM: the signing time, the body hash, the signature
        return "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector()
                + "; t=; h=" + SIGNED_HEADERS + "; bh=; b=;";
    }

    private static PrivateKey privateKey(DkimSigningKey key) {
        try {
            return DKIMSigner.getPrivateKey(key.privateKeyPkcs8());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored DKIM key of " + key.domain() + " cannot be read", e);
        }
    }
}

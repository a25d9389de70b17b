package org.postroom.smtp.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * An RSA-2048 DKIM key made inside the test, to sign messages as a remote domain would (jDKIM's
 * signer, rsa-sha256, relaxed/relaxed) and to publish its record on a {@link TestDnsServer}.
 */
public final class TestDkimKey {

    private final KeyPair pair;

    private TestDkimKey(KeyPair pair) {
        this.pair = pair;
    }

    public static TestDkimKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestDkimKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key record (RFC 6376 §3.6.1), about 400 characters: more than one TXT string, more than a UDP answer without EDNS. */
    public String record() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** Publishes the record at {@code selector._domainkey.domain}. */
    public TestDkimKey publish(TestDnsServer dns, String domain, String selector) {
        dns.longTxt(selector + "._domainkey." + domain, record());
        return this;
    }

    /** {@code message} (CRLF line endings) behind a DKIM-Signature field for {@code domain} and {@code selector}. */
    public String sign(String message, String domain, String selector) {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + "; t=; h=from:to:subject:date:message-id; bh=; b=;";
        try {
            String signature = new DKIMSigner(template, pair.getPrivate())
                    .sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
            return signature + "\r\n" + message;
        } catch (FailException | IOException e) {
            throw new IllegalStateException("signing the test message failed", e);
        }
    }
}

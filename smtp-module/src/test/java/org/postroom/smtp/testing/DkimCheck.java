package org.postroom.smtp.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.FailException;

/** Verifies DKIM signatures with jDKIM's verifier, the public key record supplied in-process (no DNS). */
public final class DkimCheck {

    private DkimCheck() {
    }

    /** True when {@code message} has a signature that verifies with {@code record} ("v=DKIM1; k=rsa; p=..."). */
    public static boolean verifies(byte[] message, String record) throws IOException {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(record));
        try {
            verifier.verify(new ByteArrayInputStream(message));
        } catch (FailException e) {
            return false;
        }
        return verifier.hasAnyValidSignature();
    }
}

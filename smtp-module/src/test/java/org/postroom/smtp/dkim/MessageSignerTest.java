package org.postroom.smtp.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.testing.DkimCheck;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;

/** Signatures checked with jDKIM's verifier, the domain's public key supplied in-process. */
class MessageSignerTest {

    private static final String MESSAGE = "From: Alice <alice@example.com>\r\nTo: bob@far.example\r\n"
            + "Subject: signed\r\nDate: Thu, 26 Nov 2026 08:00:00 +0000\r\nMessage-ID: <s1@example.com>\r\n\r\n"
            + "Hello Bob,\r\n\r\nsee you.\r\n";

    private final TestDatabase database = TestDatabase.create();
    private final DomainRepository domains = new DomainRepository(database.database(), "postroom");
    private final MessageSigner signer = new MessageSigner(domains);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void mailOfALocalDomainIsSignedWithItsKeyAndVerifies() throws Exception {
        domains.create("example.com");
        String signature = signer.signature(List.of("example.com"), stream(MESSAGE)).orElseThrow();

        assertThat(signature).startsWith("DKIM-Signature:").doesNotContain("\r").doesNotContain("\n")
                .contains("d=example.com").contains("s=postroom").contains("a=rsa-sha256");
        assertThat(verifies(signature + "\r\n" + MESSAGE)).isTrue();
        // relaxed/relaxed: re-folded headers and changed whitespace still verify
        assertThat(verifies(signature + "\r\n" + MESSAGE.replace("Subject: signed", "Subject:   signed")
                .replace("see you.", "see   you."))).isTrue();
    }

    @Test
    void aSecondFromAddedOnTheWayBreaksTheSignature() throws Exception {
        domains.create("example.com");
        String signature = signer.signature(List.of("example.com"), stream(MESSAGE)).orElseThrow();
        assertThat(verifies(signature + "\r\nFrom: mallory@evil.example\r\n" + MESSAGE)).isFalse();
    }

    @Test
    void theFirstCandidateThatIsOurDomainSigns() throws IOException {
        domains.create("example.com");
        assertThat(signer.signature(List.of("elsewhere.example", "example.com"), stream(MESSAGE)).orElseThrow())
                .contains("d=example.com");
    }

    @Test
    void mailOfOtherDomainsIsNotSigned() throws IOException {
        assertThat(signer.signature(List.of("elsewhere.example"), stream(MESSAGE))).isEmpty();
        assertThat(signer.signature(List.of(), stream(MESSAGE))).isEmpty();
    }

    private boolean verifies(String message) throws IOException {
        return DkimCheck.verifies(message.getBytes(StandardCharsets.UTF_8),
                domains.find("example.com").orElseThrow().dkimRecord().value());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

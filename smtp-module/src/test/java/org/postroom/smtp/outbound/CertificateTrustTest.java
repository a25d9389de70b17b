package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.testing.TestCertificateAuthority;

/** The trust file an operator names: read once, and every way it can be wrong names the file. */
class CertificateTrustTest {

    @TempDir
    Path directory;

    @Test
    void aPemFileWithCommentsAroundItsCertificatesIsRead() throws IOException {
        Path file = directory.resolve("bundle.pem");
        Files.writeString(file, "# the company's CAs\n" + TestCertificateAuthority.create("A").pem() + "# and\n"
                + TestCertificateAuthority.create("B").pem());
        assertThat(CertificateTrust.jdkAnd(file)).isEqualTo(CertificateTrust.jdkAnd(file))
                .isNotEqualTo(CertificateTrust.jdk()).hasToString("JDK trust store + " + file);
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = directory.resolve("missing.pem");
        assertThatThrownBy(() -> CertificateTrust.jdkAnd(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read " + file);
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        Path file = Files.createFile(directory.resolve("empty.pem"));
        assertThatThrownBy(() -> CertificateTrust.jdkAnd(file)).hasMessage(file + " holds no PEM certificate");
    }

    @Test
    void aFileThatHoldsNoCertificateIsNamed() throws IOException {
        Path file = Files.writeString(directory.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CertificateTrust.jdkAnd(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " is not a PEM certificate file");
    }
}

package org.postroom.listener.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.listener.tls.TestCertificates.KeyFormat;

/** The PEM shapes certbot, openssl and commercial CAs hand out, and the mistakes operators make. */
class CertificateFilesTest {

    @TempDir
    Path directory;

    @Test
    void readsAnRsaKeyInOpensslsTraditionalPkcs1Format() throws Exception {
        CertificateFiles files = TestCertificates.write(directory, "mx.test", TestCertificates.rsa(), KeyFormat.TRADITIONAL);
        assertThat(Files.readString(files.keyFile())).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        ServerCertificate certificate = files.load();

        assertThat(certificate.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(certificate.info().subject()).isEqualTo("CN=mx.test");
    }

    @Test
    void readsAPkcs8KeyAsCertbotWritesIt() throws Exception {
        CertificateFiles files = TestCertificates.write(directory, "mx.test", TestCertificates.rsa(), KeyFormat.PKCS8);
        assertThat(Files.readString(files.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");

        assertThat(files.load().privateKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void readsAnEcKeyInPkcs8AndInSec1Format() throws Exception {
        KeyPair pair = TestCertificates.ec();
        CertificateFiles pkcs8 = TestCertificates.write(directory, "pkcs8.test", pair, KeyFormat.PKCS8);
        CertificateFiles sec1 = TestCertificates.write(directory, "sec1.test", pair, KeyFormat.TRADITIONAL);
        assertThat(Files.readString(sec1.keyFile())).startsWith("-----BEGIN EC PRIVATE KEY-----");

        assertThat(pkcs8.load().privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(sec1.load().privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void skipsTheEcParametersBlockThatOpensslEcparamWritesBeforeTheKey() throws Exception {
        CertificateFiles files = TestCertificates.write(directory, "mx.test", TestCertificates.ec(), KeyFormat.EC_WITH_PARAMETERS);
        assertThat(Files.readString(files.keyFile())).startsWith("-----BEGIN EC PARAMETERS-----");

        assertThat(files.load().privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void readsTheKeyFromACombinedFileThatAlsoHoldsTheCertificate() throws Exception {
        CertificateFiles files = TestCertificates.write(directory, "mx.test", TestCertificates.rsa(), KeyFormat.PKCS8);
        Path combined = directory.resolve("combined.pem");
        Files.writeString(combined, Files.readString(files.certFile()) + Files.readString(files.keyFile()));

        assertThat(new CertificateFiles(combined, combined).load().chain()).hasSize(1);
    }

    @Test
    void aKeyFromAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
        CertificateFiles mine = TestCertificates.write(directory, "mine.test", TestCertificates.rsa(), KeyFormat.PKCS8);
        CertificateFiles other = TestCertificates.write(directory, "other.test", TestCertificates.rsa(), KeyFormat.PKCS8);

        assertThatThrownBy(() -> new CertificateFiles(mine.certFile(), other.keyFile()).load())
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining(mine.certFile().toString())
                .hasMessageContaining(other.keyFile().toString())
                .hasMessageContaining("does not belong");
    }

    @Test
    void anEncryptedKeyIsRefusedWithAHintHowToDecryptIt() throws Exception {
        CertificateFiles files = TestCertificates.write(directory, "mx.test", TestCertificates.rsa(), KeyFormat.ENCRYPTED);

        assertThatThrownBy(files::load)
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining(files.keyFile().toString())
                .hasMessageContaining("encrypted")
                .hasMessageContaining("openssl pkey");
    }

    @Test
    void aMissingOrEmptyFileIsNamed() throws Exception {
        Path missing = directory.resolve("missing.pem");
        Path empty = Files.writeString(directory.resolve("empty.pem"), "not a certificate\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> new CertificateFiles(missing, missing).load())
                .isInstanceOf(TlsMaterialException.class)
                .hasMessage(missing + ": cannot read (file not found)");
        assertThatThrownBy(() -> new CertificateFiles(empty, empty).load())
                .isInstanceOf(TlsMaterialException.class)
                .hasMessage(empty + ": no PEM certificate found");
    }
}

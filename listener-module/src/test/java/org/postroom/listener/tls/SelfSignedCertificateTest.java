package org.postroom.listener.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a configured certificate, one is made on the first start and kept for the later ones. */
class SelfSignedCertificateTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-01-15T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void isGeneratedOnceAndReusedOnTheNextStart() throws Exception {
        CertificateFiles first = SelfSignedCertificate.ensure(directory, "mx.test", NOW);
        byte[] certificate = Files.readAllBytes(first.certFile());
        byte[] key = Files.readAllBytes(first.keyFile());

        CertificateFiles second = SelfSignedCertificate.ensure(directory, "mx.test", NOW);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(second.certFile())).isEqualTo(certificate);
        assertThat(Files.readAllBytes(second.keyFile())).isEqualTo(key);
        assertThat(ListenerTls.selfSigned(directory, "mx.test").currentCertificate())
                .isEqualTo(first.load().info());
    }

    @Test
    void namesTheHostInSubjectAndSubjectAlternativeNameAndLastsTwoYears() throws Exception {
        X509Certificate leaf = SelfSignedCertificate.ensure(directory, "mail.example.com", NOW).load().leaf();

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.com");
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, "mail.example.com"));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.instant().plus(Duration.ofDays(730)));
        assertThat(directory.resolve(SelfSignedCertificate.CERT_FILE)).exists();
    }

    @Test
    void hasAnEcdsaP256KeyThatMaySignOnly() throws Exception {
        X509Certificate leaf = SelfSignedCertificate.ensure(directory, "mx.test", NOW).load().leaf();

        assertThat(leaf.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
                key -> assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
        // digitalSignature only: keyEncipherment (bit 2) is RSA key transport, meaningless for ECDSA
        assertThat(leaf.getKeyUsage()).startsWith(true, false, false);
    }

    @Test
    void anRsaPairMadeByAnEarlierVersionIsKept() throws Exception {
        CertificateFiles rsa = TestCertificates.write(directory, "mx.test", TestCertificates.rsa(),
                TestCertificates.KeyFormat.PKCS8);
        Files.move(rsa.certFile(), directory.resolve(SelfSignedCertificate.CERT_FILE));
        Files.move(rsa.keyFile(), directory.resolve(SelfSignedCertificate.KEY_FILE));

        CertificateFiles kept = SelfSignedCertificate.ensure(directory, "mx.test", NOW);

        assertThat(kept.load().leaf().getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void thePrivateKeyIsReadableByItsOwnerOnly() throws Exception {
        CertificateFiles files = SelfSignedCertificate.ensure(directory, "mx.test", NOW);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.keyFile()))).isEqualTo("rw-------");
    }

    @Test
    void isMadeAgainWhenTheHostnameChanged() throws Exception {
        SelfSignedCertificate.ensure(directory, "old.test", NOW);

        CertificateFiles renamed = SelfSignedCertificate.ensure(directory, "new.test", NOW);

        assertThat(renamed.load().info().subject()).isEqualTo("CN=new.test");
    }

    @Test
    void isMadeAgainAMonthBeforeItExpires() throws Exception {
        Instant originalExpiry = SelfSignedCertificate.ensure(directory, "mx.test", NOW).load().info().notAfter();
        Clock nearExpiry = Clock.offset(NOW, Duration.ofDays(710));

        CertificateFiles renewed = SelfSignedCertificate.ensure(directory, "mx.test", nearExpiry);

        assertThat(renewed.load().info().notAfter()).isAfter(originalExpiry);
    }
}

package org.postroom.listener.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.listener.tls.TestCertificates.KeyFormat;

/**
 * A certificate the server obtained itself (ACME) is installed in one file and presented without a
 * restart; until then the self-signed pair stands in, and a pair that cannot be used is refused
 * before it replaces anything.
 */
class InstalledCertificateTest {

    @TempDir
    Path directory;

    @Test
    void theSelfSignedPairStandsInUntilACertificateIsInstalled() throws Exception {
        ListenerTls tls = ListenerTls.installable(directory, "mx.test", TlsEngine.JDK);
        assertThat(tls.currentCertificate().subject()).isEqualTo("CN=mx.test");
        assertThat(tls.currentCertificate().selfSigned()).isTrue();

        CertificateFiles issued = TestCertificates.write(directory, "new.mx.test", TestCertificates.ec(), KeyFormat.PKCS8);
        String chain = Files.readString(issued.certFile(), StandardCharsets.US_ASCII);
        String key = Files.readString(issued.keyFile(), StandardCharsets.US_ASCII);

        assertThat(tls.install(chain, key)).isTrue();
        assertThat(tls.install(chain, key)).as("the same pair again changes nothing").isFalse();
        await().atMost(ListenerTls.RELOAD_CHECK_INTERVAL.plus(Duration.ofSeconds(5)))
                .untilAsserted(() -> assertThat(tls.currentCertificate().subject()).isEqualTo("CN=new.mx.test"));
        assertThat(tls.currentCertificate().names()).containsExactly("new.mx.test");

        // a later start keeps serving what was installed
        assertThat(ListenerTls.installable(directory, "mx.test", TlsEngine.JDK).currentCertificate().subject())
                .isEqualTo("CN=new.mx.test");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAndTheInstalledPairStays() throws Exception {
        ListenerTls tls = ListenerTls.installable(directory, "mx.test", TlsEngine.JDK);
        Path installed = directory.resolve(ListenerTls.INSTALLED_FILE);
        String before = Files.readString(installed);
        CertificateFiles one = TestCertificates.write(directory, "one.mx.test", TestCertificates.ec(), KeyFormat.PKCS8);
        CertificateFiles other = TestCertificates.write(Files.createDirectory(directory.resolve("o")),
                "other.mx.test", TestCertificates.ec(), KeyFormat.PKCS8);

        assertThatThrownBy(() -> tls.install(Files.readString(one.certFile()), Files.readString(other.keyFile())))
                .isInstanceOf(TlsMaterialException.class).hasMessageContaining("does not belong");
        assertThat(Files.readString(installed)).isEqualTo(before);
        assertThat(directory.resolve(ListenerTls.INSTALLED_FILE + ".candidate")).doesNotExist();
    }

    @Test
    void theOperatorsFilesAreNeverOverwritten() throws Exception {
        CertificateFiles files = TestCertificates.write(directory, "mx.test", TestCertificates.rsa(), KeyFormat.PKCS8);
        ListenerTls tls = ListenerTls.fromPemFiles(files.certFile(), files.keyFile(), TlsEngine.JDK);
        assertThatThrownBy(() -> tls.install("chain", "key")).isInstanceOf(IllegalStateException.class);
    }
}

package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.TlsCertificate;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.TlsProperties;
import org.springframework.mock.env.MockEnvironment;

/** The settings page's view of the configuration: host name, ports and the configured certificate file. */
class ConfiguredServerSettingsTest {

    @Test
    void unsetPortsAreTheStandardOnesAndConfiguredOnesWin() {
        MockEnvironment environment = new MockEnvironment().withProperty("postroom.smtps.port", "10465");

        ConfiguredServerSettings settings = new ConfiguredServerSettings(
                new PostroomProperties("mail.example.com", Path.of("data")), new TlsProperties(null, null), environment);

        assertThat(settings.hostname()).isEqualTo("mail.example.com");
        assertThat(settings.ports()).isEqualTo(new MailPorts(25, 587, 10465, 110, 995));
        assertThat(settings.certificate()).as("generated certificates are not known here yet").isEmpty();
    }

    @Test
    void theConfiguredCertificateFileIsReadForSubjectAndExpiry(@TempDir Path dir) throws Exception {
        Path certificate = dir.resolve("fullchain.pem");
        keytool(dir, "-genkeypair", "-alias", "mail", "-keyalg", "RSA", "-keysize", "2048", "-validity", "90",
                "-dname", "CN=mail.example.com", "-keystore", "keys.p12", "-storepass", "changeit");
        keytool(dir, "-exportcert", "-rfc", "-alias", "mail", "-keystore", "keys.p12", "-storepass", "changeit",
                "-file", certificate.toString());
        Path key = Files.writeString(dir.resolve("privkey.pem"), "not read here");

        TlsCertificate read = new ConfiguredServerSettings(new PostroomProperties("mail.example.com", dir),
                new TlsProperties(certificate, key), new MockEnvironment()).certificate().orElseThrow();

        assertThat(read.subject()).isEqualTo("CN=mail.example.com");
        assertThat(read.selfSigned()).isTrue();
        assertThat(Duration.between(Instant.now(), read.notAfter())).isBetween(Duration.ofDays(89), Duration.ofDays(91));
    }

    @Test
    void anUnreadableCertificateShowsAsUnknown(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("fullchain.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");

        assertThat(new ConfiguredServerSettings(new PostroomProperties("mail.example.com", dir),
                new TlsProperties(garbage, garbage), new MockEnvironment()).certificate()).isEmpty();
    }

    private static void keytool(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}

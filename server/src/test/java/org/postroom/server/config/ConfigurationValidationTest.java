package org.postroom.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.listener.ProxyProtocol;
import org.postroom.listener.tls.TlsEngine;
import org.postroom.smtp.inbound.spam.FailMode;
import org.postroom.smtp.outbound.CertificateTrust;
import org.postroom.smtp.outbound.HostAndPort;
import org.postroom.smtp.outbound.RelayHost;
import org.postroom.smtp.outbound.RetrySchedule;
import org.postroom.smtp.outbound.TlsMode;
import org.postroom.smtp.testing.TestCertificateAuthority;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** A bad value stops start-up with a message that names the property. */
class ConfigurationValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ PostroomProperties.class, AuthProperties.class, DkimProperties.class,
            TlsProperties.class, Pop3Properties.class, Pop3sProperties.class, DeliveryProperties.class,
            AdminProperties.class, ShutdownProperties.class, WebProperties.class, ProxyProtocolProperties.class,
            DnsProperties.class,
            ChecksProperties.class, QuarantineProperties.class, RspamdProperties.class, LimitsProperties.class,
            AcmeProperties.class, HttpsProperties.class, SpoolProperties.class, ApiProperties.class,
            AuditProperties.class, MtaStsProperties.class })
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @Test
    void defaultsNeedNoConfiguration() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PostroomProperties.class).hostname()).isNotBlank();
            assertThat(context.getBean(AuthProperties.class).maxFailures()).isEqualTo(10);
            assertThat(context.getBean(DkimProperties.class).selector()).isEqualTo("postroom");
            assertThat(context.getBean(TlsProperties.class).configured()).isFalse();
            assertThat(context.getBean(TlsProperties.class).engine()).isEqualTo(TlsEngine.AUTO);
            Pop3Properties pop3 = context.getBean(Pop3Properties.class);
            assertThat(pop3.port()).isEqualTo(110);
            assertThat(pop3.allowPlaintextAuth()).isFalse();
            assertThat(pop3.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(pop3.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(context.getBean(Pop3sProperties.class).port()).isEqualTo(995);
            DeliveryProperties delivery = context.getBean(DeliveryProperties.class);
            assertThat(delivery.workers()).isEqualTo(8);
            assertThat(delivery.relay()).isNull();
            assertThat(delivery.routeMap()).isEmpty();
            assertThat(delivery.resolvers()).isEmpty();
            // roughly 1m, 5m, 15m, 30m, 1h, then every 2h for five days: what operators expect of an MTA
            assertThat(delivery.retries()).isEqualTo(new RetrySchedule(List.of(Duration.ofMinutes(1),
                    Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
                    Duration.ofHours(2)), Duration.ofDays(5)));
            assertThat(delivery.delayWarning()).isEqualTo(Duration.ofHours(4));
            assertThat(context.getBean(ShutdownProperties.class).grace()).isEqualTo(Duration.ofSeconds(20));
            assertThat(context.getBean(SpoolProperties.class).minFreeSpace()).isEqualTo(DataSize.ofMegabytes(64));
            assertThat(context.getBean(AdminProperties.class).username()).isEqualTo("admin");
            assertThat(context.getBean(AdminProperties.class).password()).isNull();
            assertThat(context.getBean(AdminProperties.class).twoFactorRequired()).isFalse();
            assertThat(context.getBean(WebProperties.class).trustedProxyRanges()).isEmpty();
            assertThat(context.getBean(DnsProperties.class).resolvers()).isEmpty();
            assertThat(context.getBean(DnsProperties.class).timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(ChecksProperties.class).enabled()).isTrue();
            assertThat(context.getBean(QuarantineProperties.class).retention()).isEqualTo(Duration.ofDays(30));
            assertThat(context.getBean(QuarantineProperties.class).digest().localTime()).isEqualTo(LocalTime.of(7, 0));
            assertThat(context.getBean(QuarantineProperties.class).digest().zoneId()).isEqualTo(ZoneId.systemDefault());
            assertThat(context.getBean(WebProperties.class).page("mail.example.com", "/account/quarantine"))
                    .isEqualTo(URI.create("https://mail.example.com/account/quarantine"));
            RspamdProperties rspamd = context.getBean(RspamdProperties.class);
            assertThat(rspamd.enabled()).isFalse();
            assertThat(rspamd.learnUrl()).isNull();
            assertThat(rspamd.maxSize()).isEqualTo(DataSize.ofMegabytes(10));
            assertThat(rspamd.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(rspamd.fail()).isEqualTo(FailMode.OPEN);
        });
    }

    @Test
    void acmeIsOffAndTheConsoleOnHttpsByDefaultAndBadValuesAreRefusedByName() {
        runner.run(context -> {
            AcmeProperties acme = context.getBean(AcmeProperties.class);
            assertThat(acme.enabled()).isFalse();
            assertThat(acme.directory()).hasToString(AcmeProperties.LETS_ENCRYPT);
            assertThat(acme.httpPort()).isEqualTo(80);
            assertThat(acme.checkInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(context.getBean(HttpsProperties.class).enabled()).isTrue();
            assertThat(context.getBean(HttpsProperties.class).port()).isEqualTo(8443);
        });
        assertFailsNaming("postroom.acme.directory=http://ca.example/dir", "postroom.acme.directory");
        assertFailsNaming("postroom.acme.email=not an address", "postroom.acme.email");
        assertFailsNaming("postroom.acme.trust-file=/no/such/file.pem", "postroom.acme.trust-file");
        assertFailsNaming("postroom.acme.http-port=70000", "postroom.acme.http-port");
        assertFailsNaming("postroom.https.port=-1", "postroom.https.port");
    }

    @Test
    void theDigestTimeAndZoneAreReadOrRefusedByName() {
        runner.withPropertyValues("postroom.quarantine.digest.time=18:30", "postroom.quarantine.digest.zone=Europe/Berlin")
                .run(context -> {
                    QuarantineProperties.DigestProperties digest = context.getBean(QuarantineProperties.class).digest();
                    assertThat(digest.localTime()).isEqualTo(LocalTime.of(18, 30));
                    assertThat(digest.zoneId()).isEqualTo(ZoneId.of("Europe/Berlin"));
                });
        assertFailsNaming("postroom.quarantine.digest.time=7 o'clock", "postroom.quarantine.digest.time");
        assertFailsNaming("postroom.quarantine.digest.time=25:00", "postroom.quarantine.digest.time");
        assertFailsNaming("postroom.quarantine.digest.zone=Mars/Olympus", "postroom.quarantine.digest.zone");
    }

    @Test
    void theSendingLimitsHaveDefaultsAZeroLimitIsNoneAndANegativeOneIsNamed() {
        runner.run(context -> assertThat(context.getBean(LimitsProperties.class).policy())
                .isEqualTo(new SendingPolicy(new SendingLimits(200, 1000, null, 2000), 3)));
        runner.withPropertyValues("postroom.limits.messages-per-hour=0", "postroom.limits.recipients-per-message=50",
                "postroom.limits.lock-after=0").run(context -> assertThat(context.getBean(LimitsProperties.class).policy())
                .isEqualTo(new SendingPolicy(new SendingLimits(null, 1000, 50, 2000), 0)));
        assertFailsNaming("postroom.limits.messages-per-day=-1", "postroom.limits.messages-per-day");
        assertFailsNaming("postroom.limits.lock-after=-3", "postroom.limits.lock-after");
    }

    @Test
    void thePublicUrlIsWhereTheLinksInMailPoint() {
        runner.withPropertyValues("postroom.web.public-url=https://admin.example.com/mail/").run(context -> assertThat(
                context.getBean(WebProperties.class).page("mail.example.com", "/account/quarantine"))
                .isEqualTo(URI.create("https://admin.example.com/mail/account/quarantine")));
        for (String bad : List.of("admin.example.com", "ftp://admin.example.com", "https://admin.example.com/?a=b",
                "https://user:pw@admin.example.com", "https:///path", "http://exa mple.com")) {
            assertFailsNaming("postroom.web.public-url=" + bad, "postroom.web.public-url");
        }
    }

    @Test
    void theSpamFilterBindsFromItsDocumentedNames() {
        runner.withPropertyValues("postroom.antispam.rspamd.url=http://rspamd:11333",
                "postroom.antispam.rspamd.controller-url=http://rspamd:11334/", "postroom.antispam.rspamd.max-size=2MB",
                "postroom.antispam.rspamd.timeout=3s", "postroom.antispam.rspamd.fail=closed",
                "postroom.antispam.rspamd.password=a long secret 123").run(context -> {
                    RspamdProperties rspamd = context.getBean(RspamdProperties.class);
                    assertThat(rspamd.scanUrl()).hasToString("http://rspamd:11333");
                    assertThat(rspamd.learnUrl()).hasToString("http://rspamd:11334/");
                    assertThat(rspamd.maxSize()).isEqualTo(DataSize.ofMegabytes(2));
                    assertThat(rspamd.timeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(rspamd.fail()).isEqualTo(FailMode.CLOSED);
                    assertThat(rspamd.toString()).doesNotContain("secret").contains("password=(set)");
                });
    }

    @Test
    void badSpamFilterSettingsAreNamed() {
        assertFailsNaming("postroom.antispam.rspamd.url=rspamd:11333", "postroom.antispam.rspamd.url");
        assertFailsNaming("postroom.antispam.rspamd.url=ftp://rspamd:11333", "postroom.antispam.rspamd.url");
        assertFailsNaming("postroom.antispam.rspamd.url=http://rspamd:11333/checkv2", "postroom.antispam.rspamd.url");
        assertFailsNaming(List.of("postroom.antispam.rspamd.url=http://rspamd:11333",
                "postroom.antispam.rspamd.controller-url=http://user:pw@rspamd:11334"),
                "postroom.antispam.rspamd.controller-url");
        assertFailsNaming("postroom.antispam.rspamd.controller-url=http://rspamd:11334",
                "postroom.antispam.rspamd.controller-url");
        assertFailsNaming("postroom.antispam.rspamd.timeout=0s", "postroom.antispam.rspamd.timeout");
        assertFailsNaming("postroom.antispam.rspamd.timeout=10m", "postroom.antispam.rspamd.timeout");
        assertFailsNaming("postroom.antispam.rspamd.max-size=100B", "postroom.antispam.rspamd.max-size");
        assertFailsNaming("postroom.antispam.rspamd.fail=sometimes", "postroom.antispam.rspamd.fail");
    }

    @Test
    void aLoginInTheControllerUrlIsNeverEchoed() {
        runner.withPropertyValues("postroom.antispam.rspamd.url=http://rspamd:11333",
                "postroom.antispam.rspamd.controller-url=http://user:hunter2secret@rspamd:11334").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("must not carry a login")
                            .doesNotContain("hunter2secret");
                });
    }

    @Test
    void theQuarantineRetentionCountsDaysAndIsAtLeastAnHour() {
        runner.withPropertyValues("postroom.quarantine.retention=14").run(context -> assertThat(
                context.getBean(QuarantineProperties.class).retention()).isEqualTo(Duration.ofDays(14)));
        runner.withPropertyValues("postroom.quarantine.retention=12h").run(context -> assertThat(
                context.getBean(QuarantineProperties.class).retention()).isEqualTo(Duration.ofHours(12)));
        assertFailsNaming("postroom.quarantine.retention=10m", "postroom.quarantine.retention");
        assertFailsNaming("postroom.quarantine.retention=0", "postroom.quarantine.retention");
    }

    @Test
    void basicIsOnAndTheAuditLogKeptAYearByDefault() {
        runner.run(context -> {
            assertThat(context.getBean(ApiProperties.class).basicEnabled()).isTrue();
            assertThat(context.getBean(AuditProperties.class).retention()).isEqualTo(Duration.ofDays(365));
        });
        runner.withPropertyValues("postroom.api.basic-enabled=false", "postroom.audit.retention=90").run(context -> {
            assertThat(context.getBean(ApiProperties.class).basicEnabled()).isFalse();
            assertThat(context.getBean(AuditProperties.class).retention()).isEqualTo(Duration.ofDays(90));
        });
        assertFailsNaming("postroom.audit.retention=1h", "postroom.audit.retention");
        assertFailsNaming("postroom.api.basic-enabled=perhaps", "postroom.api.basic-enabled");
    }

    @Test
    void trustedProxiesAreCidrBlocks() {
        runner.withPropertyValues("postroom.web.trusted-proxies=10.0.0.0/8,2001:db8::1").run(context -> assertThat(
                context.getBean(WebProperties.class).trustedProxyRanges()).extracting(r -> r.cidr())
                .containsExactly("10.0.0.0/8", "2001:db8:0:0:0:0:0:1/128"));
        assertFailsNaming("postroom.web.trusted-proxies=10.0.0.0/8,proxy.example", "postroom.web.trusted-proxies");
    }

    @Test
    void loadBalancersAreCidrBlocks() {
        runner.withPropertyValues("postroom.proxy-protocol.trusted-networks=10.0.0.0/8,2001:db8::1").run(context -> {
            var proxyProtocol = context.getBean(ProxyProtocolProperties.class);
            assertThat(proxyProtocol.trustedNetworks()).containsExactly("10.0.0.0/8", "2001:db8::1");
            assertThat(proxyProtocol.proxyProtocol()).isNotSameAs(ProxyProtocol.off());
        });
        runner.run(context -> assertThat(context.getBean(ProxyProtocolProperties.class).proxyProtocol())
                .isSameAs(ProxyProtocol.off()));
        assertFailsNaming("postroom.proxy-protocol.trusted-networks=10.0.0.0/33",
                "postroom.proxy-protocol.trusted-networks");
        assertFailsNaming("postroom.proxy-protocol.trusted-networks=haproxy.internal",
                "postroom.proxy-protocol.trusted-networks");
    }

    @Test
    void aWeakAdministratorPasswordIsNamed() {
        assertFailsNaming("postroom.admin.password=admin", "postroom.admin.password");
        // more than bcrypt's 72 bytes
        assertFailsNaming("postroom.admin.password=" + "0123456789".repeat(8), "postroom.admin.password");
    }

    @Test
    void anAdministratorNameWithAColonIsNamed() {
        assertFailsNaming("postroom.admin.username=ad:min", "postroom.admin.username");
    }

    @Test
    void theAdministratorsTwoFactorRuleBindsAndABadValueIsNamed() {
        runner.withPropertyValues("postroom.admin.two-factor-required=true")
                .run(context -> assertThat(context.getBean(AdminProperties.class).twoFactorRequired()).isTrue());
        assertFailsNaming("postroom.admin.two-factor-required=maybe", "postroom.admin.two-factor-required");
    }

    @Test
    void theAdministratorPasswordNeverShowsInTheConfigurationsText() {
        runner.withPropertyValues("postroom.admin.password=a long secret 123").run(context -> {
            AdminProperties admin = context.getBean(AdminProperties.class);
            assertThat(admin.password()).isEqualTo("a long secret 123");
            assertThat(admin.toString()).doesNotContain("secret").contains("(set)");
        });
    }

    @Test
    void deliverySettingsBindFromTheirDocumentedNames() {
        runner.withPropertyValues("postroom.delivery.workers=2", "postroom.delivery.relay-host=smtp.relay.example:587",
                "postroom.delivery.relay-username=postroom", "postroom.delivery.relay-password=secret",
                "postroom.delivery.relay-tls=starttls", "postroom.delivery.routes.partner.example=10.1.2.3:2525",
                "postroom.delivery.routes.my-partner.example=mx.my-partner.example",
                "postroom.delivery.dns-servers=127.0.0.53,[::1]:5353", "postroom.delivery.retry-schedule=30s,10m",
                "postroom.delivery.max-age=2d").run(context -> {
                    DeliveryProperties delivery = context.getBean(DeliveryProperties.class);
                    assertThat(delivery.relay()).isEqualTo(new RelayHost(new HostAndPort("smtp.relay.example", 587),
                            TlsMode.STARTTLS, "postroom", "secret"));
                    assertThat(delivery.relay().toString()).doesNotContain("secret");
                    assertThat(delivery.routeMap()).containsEntry("partner.example", new HostAndPort("10.1.2.3", 2525))
                            .containsEntry("my-partner.example", new HostAndPort("mx.my-partner.example", 25));
                    assertThat(delivery.resolvers()).extracting(InetSocketAddress::getPort).containsExactly(53, 5353);
                    assertThat(delivery.retries()).isEqualTo(new RetrySchedule(List.of(Duration.ofSeconds(30),
                            Duration.ofMinutes(10)), Duration.ofDays(2)));
                });
    }

    @Test
    void aBadRouteIsNamed() {
        assertFailsNaming("postroom.delivery.routes.partner.example=mx.partner.example:smtp",
                "postroom.delivery.routes.partner.example");
    }

    @Test
    void aBadRelayHostIsNamed() {
        assertFailsNaming("postroom.delivery.relay-host=relay:99999", "postroom.delivery.relay-host");
    }

    @Test
    void aRelayUserWithoutRelayHostIsNamed() {
        assertFailsNaming("postroom.delivery.relay-username=postroom", "postroom.delivery.relay-host");
    }

    @Test
    void aRelayPasswordWithoutRelayHostIsNamed() {
        assertFailsNaming("postroom.delivery.relay-password=secret", "postroom.delivery.relay-host");
    }

    @Test
    void aRelayLoginWithoutTlsIsNamed() {
        runner.withPropertyValues("postroom.delivery.relay-host=smtp.relay.example:587",
                "postroom.delivery.relay-username=postroom", "postroom.delivery.relay-password=secret",
                "postroom.delivery.relay-tls=none").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("postroom.delivery.relay-tls=none")
                            .doesNotContain("secret");
                });
    }

    @Test
    void aRelayLoginGetsVerifiedTlsByDefault() {
        runner.withPropertyValues("postroom.delivery.relay-host=smtp.relay.example",
                "postroom.delivery.relay-username=postroom", "postroom.delivery.relay-password=secret")
                .run(context -> assertThat(context.getBean(DeliveryProperties.class).relay().tls())
                        .isEqualTo(TlsMode.STARTTLS));
        runner.withPropertyValues("postroom.delivery.relay-host=smtp.relay.example:465",
                "postroom.delivery.relay-username=postroom", "postroom.delivery.relay-password=secret")
                .run(context -> assertThat(context.getBean(DeliveryProperties.class).relay().tls())
                        .isEqualTo(TlsMode.IMPLICIT));
    }

    @Test
    void aRelayTrustFileIsReadAtStart(@TempDir Path directory) {
        Path file = TestCertificateAuthority.create("Example Company CA").writePem(directory.resolve("ca.pem"));
        runner.withPropertyValues("postroom.delivery.relay-host=relay.internal.example:587",
                "postroom.delivery.relay-username=postroom", "postroom.delivery.relay-password=secret",
                "postroom.delivery.relay-trust-file=" + file)
                .run(context -> assertThat(context.getBean(DeliveryProperties.class).relay().trust())
                        .isEqualTo(CertificateTrust.jdkAnd(file)));
    }

    @Test
    void mtaStsIsOnByDefaultAndItsSettingsAreReadOrNamed(@TempDir Path directory) {
        runner.run(context -> {
            MtaStsProperties mtaSts = context.getBean(MtaStsProperties.class);
            assertThat(mtaSts.enabled()).isTrue();
            assertThat(mtaSts.trust()).isEqualTo(CertificateTrust.jdk());
            assertThat(mtaSts.timeout()).isEqualTo(Duration.ofSeconds(10));
        });
        Path file = TestCertificateAuthority.create("Private CA").writePem(directory.resolve("ca.pem"));
        runner.withPropertyValues("postroom.delivery.mta-sts.enabled=false", "postroom.delivery.mta-sts.trust-file=" + file)
                .run(context -> {
                    MtaStsProperties mtaSts = context.getBean(MtaStsProperties.class);
                    assertThat(mtaSts.enabled()).isFalse();
                    assertThat(mtaSts.trust()).isEqualTo(CertificateTrust.jdkAnd(file));
                });
        assertFailsNaming(List.of("postroom.delivery.mta-sts.trust-file=" + directory.resolve("missing.pem")),
                "postroom.delivery.mta-sts.trust-file");
        assertFailsNaming(List.of("postroom.delivery.mta-sts.timeout=0s"), "postroom.delivery.mta-sts.timeout");
    }

    @Test
    void anUnreadableRelayTrustFileIsNamed(@TempDir Path directory) {
        assertFailsNaming(List.of("postroom.delivery.relay-host=relay.internal.example",
                "postroom.delivery.relay-tls=starttls", "postroom.delivery.relay-trust-file=" + directory.resolve("missing.pem")),
                "postroom.delivery.relay-trust-file");
    }

    @Test
    void aRelayTrustFileWithoutCertificatesIsNamed(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("ca.pem"), "not a certificate\n");
        assertFailsNaming(List.of("postroom.delivery.relay-host=relay.internal.example",
                "postroom.delivery.relay-tls=starttls", "postroom.delivery.relay-trust-file=" + file),
                "postroom.delivery.relay-trust-file");
    }

    @Test
    void aRelayTrustFileThatNothingVerifiesWithIsNamed(@TempDir Path directory) {
        Path file = TestCertificateAuthority.create("Example Company CA").writePem(directory.resolve("ca.pem"));
        assertFailsNaming(List.of("postroom.delivery.relay-host=relay.internal.example",
                "postroom.delivery.relay-trust-file=" + file), "postroom.delivery.relay-trust-file");
    }

    @Test
    void aRelayTrustFileWithoutRelayHostIsNamed(@TempDir Path directory) {
        assertFailsNaming("postroom.delivery.relay-trust-file=" + directory.resolve("ca.pem"), "postroom.delivery.relay-host");
    }

    @Test
    void theTlsEngineIsChosenByItsLowerCaseName() {
        runner.withPropertyValues("postroom.tls.engine=jdk")
                .run(context -> assertThat(context.getBean(TlsProperties.class).engine()).isEqualTo(TlsEngine.JDK));
    }

    @Test
    void anUnknownTlsEngineIsNamed() {
        assertFailsNaming("postroom.tls.engine=openssl", "postroom.tls.engine");
    }

    @Test
    void anUnknownRelayTlsModeIsNamed() {
        assertFailsNaming("postroom.delivery.relay-tls=sometimes", "postroom.delivery.relay-tls");
    }

    @Test
    void aDnsServerThatIsNoAddressIsNamed() {
        assertFailsNaming("postroom.delivery.dns-servers=dns.example", "postroom.delivery.dns-servers");
    }

    @Test
    void theResolversBindFromTheirDocumentedNames() {
        runner.withPropertyValues("postroom.dns.servers=127.0.0.53,[::1]:5353", "postroom.dns.timeout=2s")
                .run(context -> {
                    DnsProperties dns = context.getBean(DnsProperties.class);
                    assertThat(dns.resolvers()).extracting(InetSocketAddress::getPort).containsExactly(53, 5353);
                    assertThat(dns.timeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void theChecksOfPort25CanBeTurnedOff() {
        runner.withPropertyValues("postroom.checks.enabled=false")
                .run(context -> assertThat(context.getBean(ChecksProperties.class).enabled()).isFalse());
        assertFailsNaming("postroom.checks.enabled=sometimes", "postroom.checks.enabled");
    }

    @Test
    void aResolverThatIsNoAddressIsNamed() {
        assertFailsNaming("postroom.dns.servers=10.0.0.53,dns.example", "postroom.dns.servers");
    }

    @Test
    void aResolverTimeoutOutsideOneToSixtySecondsIsNamed() {
        assertFailsNaming("postroom.dns.timeout=0s", "postroom.dns.timeout");
        assertFailsNaming("postroom.dns.timeout=5m", "postroom.dns.timeout");
    }

    @Test
    void aLeaseShorterThanOneAttemptIsNamed() {
        assertFailsNaming("postroom.delivery.lease=1m", "postroom.delivery.lease");
    }

    @Test
    void negativeWorkersAreNamed() {
        assertFailsNaming("postroom.delivery.workers=-1", "postroom.delivery.workers");
    }

    @Test
    void aBadExemptNetworkIsNamed() {
        assertFailsNaming("postroom.auth.exempt-networks=10.0.0.0/8,not-a-network", "postroom.auth.exempt-networks");
    }

    @Test
    void aNonNumericLimitIsNamed() {
        assertFailsNaming("postroom.auth.max-failures=lots", "postroom.auth.max-failures");
    }

    @Test
    void badAccountLimitsAreNamed() {
        assertFailsNaming("postroom.auth.account-failures=0", "postroom.auth.account-failures");
        assertFailsNaming("postroom.auth.account-window=0s", "postroom.auth.account-window");
        assertFailsNaming("postroom.auth.account-max-delay=-1s", "postroom.auth.account-max-delay");
    }

    @Test
    void aHalfConfiguredCertificateIsNamed() {
        assertFailsNaming("postroom.tls.cert-file=/etc/ssl/fullchain.pem", "postroom.tls.key-file");
    }

    @Test
    void anUnreadableCertificateIsNamed() {
        runner.withPropertyValues("postroom.tls.cert-file=/nonexistent/cert.pem", "postroom.tls.key-file=/nonexistent/key.pem")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("postroom.tls.cert-file"));
    }

    @Test
    void aNegativeShutdownGraceIsNamed() {
        assertFailsNaming("postroom.shutdown.grace=-5s", "postroom.shutdown.grace");
    }

    @Test
    void aShutdownGraceLongerThanTenMinutesIsNamed() {
        assertFailsNaming("postroom.shutdown.grace=1h", "postroom.shutdown.grace");
    }

    @Test
    void aNegativeSpoolMinimumIsNamed() {
        assertFailsNaming("postroom.spool.min-free-space=-1MB", "postroom.spool.min-free-space");
    }

    @Test
    void aBadHostnameIsNamed() {
        assertFailsNaming("postroom.hostname=mail server", "postroom.hostname");
    }

    @Test
    void aBadSelectorIsNamed() {
        assertFailsNaming("postroom.dkim.selector=Not_A_Label", "postroom.dkim.selector");
    }

    @Test
    void aPop3IdleTimeoutBelowTenMinutesIsNamed() {
        assertFailsNaming("postroom.pop3.idle-timeout=5m", "postroom.pop3.idle-timeout");
    }

    @Test
    void aPop3CommandTimeoutBelowOneSecondIsNamed() {
        assertFailsNaming("postroom.pop3.command-timeout=0s", "postroom.pop3.command-timeout");
    }

    @Test
    void aBadPop3PortIsNamed() {
        assertFailsNaming("postroom.pop3.port=70000", "postroom.pop3.port");
        assertFailsNaming("postroom.pop3s.port=-1", "postroom.pop3s.port");
    }

    @Test
    void aPerIpLimitAboveTheTotalIsNamed() {
        assertFailsNaming("postroom.pop3.max-connections-per-ip=5000", "postroom.pop3.max-connections-per-ip");
    }

    private void assertFailsNaming(String property, String name) {
        assertFailsNaming(List.of(property), name);
    }

    private void assertFailsNaming(List<String> properties, String name) {
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(name);
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}

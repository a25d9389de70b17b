package org.postroom.smtp.inbound;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.checks.InboundChecks;
import org.postroom.smtp.inbound.greylist.Greylisting;
import org.postroom.smtp.inbound.senders.Dnsbl;
import org.postroom.smtp.inbound.senders.TrustedForwarders;
import org.postroom.smtp.inbound.spam.SpamFilter;
import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.storage.directory.LoginLimits;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.testing.FuzzRun;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The real SMTP listeners the fuzz targets talk to, once per test class (register it as a static
 * {@code @RegisterExtension}; after the last input it closes them and reports the run, {@link
 * FuzzRun#report}): port 25's chain with every
 * check on (asking an empty DNS server on loopback) and submission's, over {@link TestMailSystem}'s
 * company in PostgreSQL. The limits are small, so that short fuzz inputs reach them: command lines
 * over {@link CommandLine#MAX_LENGTH} but under {@link #MAX_LINE} reach the protocol, longer lines
 * are dropped by the listener, and a message over {@link #MAX_MESSAGE_SIZE} is refused.
 *
 * <p>Unlike {@link SmtpTestBed}, nothing here records the log: a fuzzing run opens hundreds of
 * thousands of sessions.
 */
final class SmtpFuzzServer implements BeforeAllCallback, AfterAllCallback {

    /** The listener's line limit, CRLF included; above the command line limit of 512. */
    static final int MAX_LINE = 1024;
    static final long MAX_MESSAGE_SIZE = 3000;
    /** Logins are never held back, neither the client nor an account: a fuzzer fails thousands. */
    private static final LoginLimits UNTHROTTLED = new LoginLimits(Integer.MAX_VALUE, Duration.ofMinutes(5),
            Duration.ZERO, Integer.MAX_VALUE, Duration.ofMinutes(5), Duration.ZERO, List.of());

    private TestMailSystem mail;
    private TestDnsServer dns;
    private Path spool;
    private TestListener mx;
    private TestListener submission;

    @Override
    public void beforeAll(ExtensionContext context) {
        mail = TestMailSystem.create();
        try {
            dns = new TestDnsServer();
            spool = Files.createTempDirectory("postroom-fuzz-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DnsResolver resolver = dns.dnsResolver(Duration.ofSeconds(1));
        InboundServices services = mail.services(new Spool(spool), new LoginThrottle(mail.database(), UNTHROTTLED, meters),
                new Dnsbl(List.of(), resolver, Duration.ofSeconds(1), meters), Greylisting.off(),
                InboundChecks.on(TestListener.HOSTNAME, resolver, mail.directory(), TrustedForwarders.of(List.of(), resolver),
                        meters),
                SpamFilter.off(), new SendingPolicy(SendingLimits.NONE, 0), Clock.systemUTC(), meters);
        InboundSettings settings = new InboundSettings(TestListener.HOSTNAME, MAX_MESSAGE_SIZE, 100);
        mx = TestListener.serving(InboundChains.mx(settings, services), SmtpListeners::mx,
                limits -> limits.maxLineLength(MAX_LINE));
        submission = TestListener.serving(InboundChains.submission(settings, services), SmtpListeners::submission,
                limits -> limits.maxLineLength(MAX_LINE));
    }

    TestMailSystem mail() {
        return mail;
    }

    int mxPort() {
        return mx.port();
    }

    int submissionPort() {
        return submission.port();
    }

    /** The sessions still open on either listener; a finished dialogue leaves none behind for long. */
    int openConnections() {
        return mx.openConnections() + submission.openConnections();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        FuzzRun.report(context.getRequiredTestClass());
        mx.close();
        submission.close();
        mail.close();
        dns.close();
        try (Stream<Path> files = Files.walk(spool)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

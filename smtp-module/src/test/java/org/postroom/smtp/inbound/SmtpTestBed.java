package org.postroom.smtp.inbound;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.checks.InboundChecks;
import org.postroom.smtp.inbound.checks.SpfEvaluation;
import org.postroom.smtp.inbound.greylist.Greylisting;
import org.postroom.smtp.inbound.senders.Dnsbl;
import org.postroom.smtp.inbound.senders.TrustedForwarders;
import org.postroom.smtp.inbound.spam.SpamFilter;
import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.testing.LogCapture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Everything an SMTP listener test stands on, fresh for each test: the company in PostgreSQL
 * ({@link TestMailSystem}), a spool directory, a DNS server on loopback that the checks of port 25
 * ask (empty until the test publishes records: SPF, DKIM and DMARC then find none), a capture of
 * the log for assertions on it, and the listeners it started, unbound afterwards; greylisting only
 * when the test turns it on ({@link #greylisting}). Register it with
 * {@code @RegisterExtension}.
 */
public final class SmtpTestBed implements BeforeEachCallback, AfterEachCallback {

    private static final long MAX_MESSAGE_SIZE = 10 * 1024 * 1024;

    private final LogCapture log = new LogCapture();
    private final List<TestListener> listeners = new ArrayList<>();
    private final int maxLoginFailures;
    private final Duration loginFailureDelay;
    private TestMailSystem mail;
    private TestDnsServer dns;
    private TestListener sharedMx;
    private Path spool;
    private Path spoolDirectory;
    private long spoolMinFreeSpace;
    private SimpleMeterRegistry meters;
    private List<String> trustedForwarders = List.of();
    private Greylisting greylisting = Greylisting.off();
    private SendingPolicy sendingPolicy = new SendingPolicy(SendingLimits.NONE, 0);
    private Clock sendingClock = Clock.systemUTC();

    /** Logins throttled after 10 failures, without delay. */
    public SmtpTestBed() {
        this(10, Duration.ZERO);
    }

    public SmtpTestBed(int maxLoginFailures, Duration loginFailureDelay) {
        this.maxLoginFailures = maxLoginFailures;
        this.loginFailureDelay = loginFailureDelay;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        log.beforeEach(context);
        mail = TestMailSystem.create();
        dns = new TestDnsServer();
        spool = Files.createTempDirectory("postroom-spool");
        spoolDirectory = spool;
        spoolMinFreeSpace = 0;
        meters = new SimpleMeterRegistry();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            listeners.forEach(TestListener::close);
            listeners.clear();
            sharedMx = null;
            mail.close();
            dns.close();
            try (Stream<Path> files = Files.walk(spool)) {
                files.sorted(Comparator.reverseOrder()).forEach(SmtpTestBed::delete);
            }
        } finally {
            log.afterEach(context);
        }
    }

    public TestMailSystem mail() {
        return mail;
    }

    /** The DNS server the checks of port 25 ask; the test publishes SPF, DKIM and DMARC records there. */
    public TestDnsServer dns() {
        return dns;
    }

    public Path spool() {
        return spool;
    }

    public LogCapture log() {
        return log;
    }

    /** What the listeners of this test counted. */
    public SimpleMeterRegistry meters() {
        return meters;
    }

    /**
     * Makes the listeners this test starts from now on spool in {@code directory} (a file system
     * of the test's, left as it is afterwards) and take no transaction while it has less than
     * {@code minFreeSpace} bytes free; a temporary directory without a minimum otherwise.
     */
    public SmtpTestBed spoolingIn(Path directory, long minFreeSpace) {
        spoolDirectory = directory;
        spoolMinFreeSpace = minFreeSpace;
        return this;
    }

    /**
     * Makes the checks of the listeners this test starts from now on take {@code entries} (IPs,
     * networks, host names on {@link #dns()}) for trusted forwarders; none otherwise.
     */
    public SmtpTestBed trustingForwarders(String... entries) {
        trustedForwarders = List.of(entries);
        return this;
    }

    /**
     * Makes port 25 of the listeners this test starts from now on greylist with {@code delay} at
     * the time of {@code clock}, asking {@link #dns()} for SPF; no greylisting otherwise.
     */
    public SmtpTestBed greylisting(Clock clock, Duration delay) {
        greylisting = Greylisting.on(mail.greylist(delay),
                new SpfEvaluation(dns.dnsResolver(Duration.ofSeconds(1)), TestListener.HOSTNAME), clock, meters);
        return this;
    }

    /**
     * Makes submission of the listeners this test starts from now on keep {@code policy}'s sending
     * limits at the time of {@code clock}; no limits and no suspension otherwise.
     */
    public SmtpTestBed sendingLimits(SendingPolicy policy, Clock clock) {
        sendingPolicy = policy;
        sendingClock = clock;
        return this;
    }

    /** Server name mx.postroom.test, messages up to 10 MiB, 100 recipients. */
    public InboundSettings settings() {
        return settings(MAX_MESSAGE_SIZE);
    }

    public InboundSettings settings(long maxMessageSize) {
        return new InboundSettings(TestListener.HOSTNAME, maxMessageSize, 100);
    }

    /**
     * The services of the listeners, with every check of port 25 on, asking {@link #dns()} (with 1 s
     * per try), no DNS blocklists, and the trusted forwarders of {@link #trustingForwarders}.
     */
    public InboundServices services() {
        return services(noBlocklists(), checks());
    }

    public InboundServices services(InboundChecks checks) {
        return services(noBlocklists(), checks);
    }

    /** The services, asking the DNS blocklists of {@code dnsbl}. */
    public InboundServices services(Dnsbl dnsbl) {
        return services(dnsbl, checks());
    }

    /** The services, with every check of port 25 on and {@code spam} filtering received and submitted mail. */
    public InboundServices services(SpamFilter spam) {
        return services(noBlocklists(), checks(), spam);
    }

    private InboundServices services(Dnsbl dnsbl, InboundChecks checks) {
        return services(dnsbl, checks, SpamFilter.off());
    }

    private InboundServices services(Dnsbl dnsbl, InboundChecks checks, SpamFilter spam) {
        return mail.services(new Spool(spoolDirectory, spoolMinFreeSpace), mail.throttle(maxLoginFailures, loginFailureDelay, meters), dnsbl,
                greylisting, checks, spam, sendingPolicy, sendingClock, meters);
    }

    private InboundChecks checks() {
        DnsResolver resolver = dns.dnsResolver(Duration.ofSeconds(1));
        return InboundChecks.on(TestListener.HOSTNAME, resolver, mail.directory(),
                TrustedForwarders.of(trustedForwarders, resolver), meters);
    }

    private Dnsbl noBlocklists() {
        return new Dnsbl(List.of(), dns.dnsResolver(), Duration.ofSeconds(1), meters);
    }

    /** The MX listener with the default settings. */
    TestListener mx() {
        return mx(settings());
    }

    TestListener mx(InboundSettings settings) {
        return started(TestListener.mx(InboundChains.mx(settings, services())));
    }

    /** The MX listener with the default settings and {@code spam} filtering what it receives. */
    TestListener mx(SpamFilter spam) {
        return started(TestListener.mx(InboundChains.mx(settings(), services(spam))));
    }

    /** The MX listener with the default settings, asking the DNS blocklists of {@code dnsbl}. */
    TestListener mx(Dnsbl dnsbl) {
        return started(TestListener.mx(InboundChains.mx(settings(), services(dnsbl))));
    }

    /**
     * One message over a new session on port 25 (one MX listener per test): EHLO {@code helo},
     * MAIL FROM {@code sender}, RCPT TO {@code recipient}, the data; the reply to the data must
     * start with {@code expected}.
     */
    void receive(String helo, String sender, String recipient, String message, String expected) {
        if (sharedMx == null) {
            sharedMx = mx();
        }
        try (SmtpTranscript smtp = SmtpTranscript.connect(sharedMx.port())) {
            smtp.ehlo(helo);
            smtp.send("MAIL FROM:<" + sender + ">").expect("250 2.1.0");
            smtp.send("RCPT TO:<" + recipient + ">").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(message + ".\r\n").expect(expected);
            smtp.send("QUIT").expect("221");
        }
    }

    /**
     * The results in the Authentication-Results field of the last message in {@code address}'s
     * INBOX, e.g. {@code [spf=pass smtp.mailfrom=a@example.org, dkim=none, dmarc=none
     * header.from=example.org]}; fails unless the message starts with exactly one such field, ours.
     */
    List<String> authenticationResults(String address) {
        List<byte[]> inbox = mail.inbox(address);
        String stored = new String(inbox.get(inbox.size() - 1), StandardCharsets.UTF_8);
        String first = "Authentication-Results: " + TestListener.HOSTNAME + ";\r\n\t";
        if (!stored.startsWith(first)) {
            throw new AssertionError("the stored message does not start with our Authentication-Results field:\n" + stored);
        }
        int end = stored.indexOf("\r\nReceived: ");
        return List.of(stored.substring(first.length(), end).split(";\r\n\t"));
    }

    /** The STARTTLS submission listener (587). */
    TestListener submission() {
        return started(TestListener.submission(InboundChains.submission(settings(), services())));
    }

    /**
     * A session on a new STARTTLS submission listener, inside TLS after EHLO, logged in as {@code
     * address} with {@link TestMailSystem#PASSWORD}.
     */
    SmtpTranscript loggedIn(String address) {
        return loggedIn(address, submission());
    }

    /** As {@link #loggedIn(String)}, on a submission listener whose messages {@code spam} filters. */
    SmtpTranscript loggedIn(String address, SpamFilter spam) {
        return loggedIn(address, started(TestListener.submission(InboundChains.submission(settings(), services(spam)))));
    }

    private SmtpTranscript loggedIn(String address, TestListener submission) {
        SmtpTranscript smtp = SmtpTranscript.connect(submission.port());
        smtp.ehlo("laptop.example.com");
        smtp.send("STARTTLS").expect("220 2.0.0");
        smtp.startTls();
        smtp.ehlo("laptop.example.com");
        String credentials = "\0" + address + "\0" + TestMailSystem.PASSWORD;
        smtp.send("AUTH PLAIN " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .expect("235");
        return smtp;
    }

    /** The implicit-TLS submission listener (465). */
    TestListener submissions() {
        return started(TestListener.submissions(InboundChains.submission(settings(), services())));
    }

    /** A listener the test built itself, unbound after the test. */
    TestListener started(TestListener listener) {
        listeners.add(listener);
        return listener;
    }

    /** Waits (up to 10 s) for the one log line of a session that ended, and returns the lines so far. */
    List<String> sessionLines() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> log.messages(SESSION_LOG), lines -> !lines.isEmpty());
    }

    private static final String SESSION_LOG = "org.postroom.smtp.session";

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.postroom.server.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.postroom.listener.tls.ListenerTls;
import org.postroom.listener.tls.TlsMaterialException;
import org.postroom.storage.Printable;
import org.postroom.storage.acme.CertificateOrderLock;
import org.postroom.storage.acme.CertificateStore;
import org.postroom.storage.acme.IssuedCertificate;
import org.postroom.storage.acme.RenewalState;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check every process runs every {@code postroom.acme.check-interval}: put the stored
 * certificate in force here (the mail listeners and the console's HTTPS present it to new
 * connections without a restart), then, if a certificate is due, order one, provided no other
 * process is ordering (the database's order lock) and the back-off after a failure has passed.
 *
 * <p>Due means: none yet, expiring within {@link #RENEW_BEFORE} (Let's Encrypt's advice for its
 * 90-day certificates), or a wanted name it does not cover (a domain added). A name that stops
 * resolving here does not cause an order by itself, so a DNS hiccup never shrinks the
 * certificate; it drops out at the next renewal.
 *
 * <p>Back-off after a failed order: 5 minutes, doubling with each further failure, at most a day,
 * so that a name that cannot be validated stays well below the CA's rate limits for failed
 * validations.
 */
public final class CertificateRenewal {

    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    static final Duration FIRST_BACK_OFF = Duration.ofMinutes(5);
    static final Duration LONGEST_BACK_OFF = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(CertificateRenewal.class);

    private final CertificateStore store;
    private final CertificateOrderLock lock;
    private final CertificateAuthority authority;
    private final CertificateNames names;
    private final ListenerTls tls;
    private final Clock clock;

    public CertificateRenewal(CertificateStore store, CertificateOrderLock lock, CertificateAuthority authority,
            CertificateNames names, ListenerTls tls, Clock clock) {
        this.store = store;
        this.lock = lock;
        this.authority = authority;
        this.names = names;
        this.tls = tls;
        this.clock = clock;
    }

    /**
     * One check. A database or CA failure is the caller's to log; an order's failure is recorded
     * (the console shows it) and logged here.
     */
    public void check() throws InterruptedException {
        Optional<IssuedCertificate> stored = store.certificate();
        stored.ifPresent(this::install);
        List<String> wanted = names.wanted();
        if (!due(stored, wanted) || backingOff()) {
            return;
        }
        Optional<CertificateOrderLock.Held> held = lock.tryLock();
        if (held.isEmpty()) {
            log.debug("acme: another process is ordering the certificate");
            return;
        }
        try (CertificateOrderLock.Held ordering = held.get()) {
            // another process may have finished an order between our look and the lock
            stored = store.certificate();
            if (due(stored, wanted) && !backingOff()) {
                order(wanted);
            } else {
                stored.ifPresent(this::install);
            }
        }
    }

    private void order(List<String> wanted) throws InterruptedException {
        log.info("acme: ordering a certificate for {} from {}", wanted, authority.directory());
        IssuedCertificate issued;
        try {
            issued = authority.order(wanted);
            // refused before it is stored: every process would fail to install it too
            tls.install(issued.chainPem(), issued.keyPem());
        } catch (AcmeException | RuntimeException e) {
            // acme4j's protocol errors are unchecked too; each one waits out the back-off
            recordFailure(wanted, e);
            return;
        }
        store.store(issued);
        log.info("acme: certificate for {} issued, valid until {}, installed", issued.names(), issued.notAfter());
    }

    private void recordFailure(List<String> wanted, Exception e) {
        int failures = store.renewal().map(RenewalState::failures).orElse(0);
        Instant now = clock.instant();
        Instant retryAt = now.plus(backOff(failures));
        String error = Printable.text(reason(e));
        store.recordFailure(error, now, retryAt);
        log.warn("acme: ordering a certificate for {} failed ({} in a row), next attempt at {}: {}", wanted,
                failures + 1, retryAt, error);
    }

    /** The messages of the failure and its causes ("Network error: Connection refused"). */
    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (reason.indexOf(message) < 0) {
                reason.append(reason.length() == 0 ? "" : ": ").append(message);
            }
        }
        return reason.toString();
    }

    /** The wait after the {@code failures + 1}-th failure in a row. */
    static Duration backOff(int failures) {
        Duration wait = FIRST_BACK_OFF;
        for (int i = 0; i < failures && wait.compareTo(LONGEST_BACK_OFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_BACK_OFF) < 0 ? wait : LONGEST_BACK_OFF;
    }

    private boolean due(Optional<IssuedCertificate> stored, List<String> wanted) {
        if (stored.isEmpty()) {
            return true;
        }
        IssuedCertificate certificate = stored.get();
        return !certificate.notAfter().isAfter(clock.instant().plus(RENEW_BEFORE))
                || !certificate.names().containsAll(wanted);
    }

    private boolean backingOff() {
        return store.renewal().filter(state -> state.retryAt().isAfter(clock.instant())).isPresent();
    }

    private void install(IssuedCertificate certificate) {
        try {
            if (tls.install(certificate.chainPem(), certificate.keyPem())) {
                log.info("acme: installed the stored certificate for {}, valid until {}", certificate.names(),
                        certificate.notAfter());
            }
        } catch (TlsMaterialException e) {
            log.warn("acme: the stored certificate for {} cannot be used here: {}", certificate.names(),
                    Printable.text(e.getMessage()));
        }
    }
}

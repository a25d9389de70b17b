package org.postroom.smtp.inbound;

import org.apache.james.metrics.api.MetricFactory;
import org.postroom.smtp.dsn.QuotaBounces;
import org.postroom.smtp.inbound.checks.InboundChecks;
import org.postroom.smtp.srs.SenderRewriting;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.quarantine.Quarantine;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the SMTP chains use of the rest of Postroom: the storage services (the quarantine holds
 * what a DMARC policy of quarantine applies to; the authenticator and the throttle make AUTH's
 * login pipeline, which counts its own failures), the spool, the DSN for
 * mailboxes found full at the commit, the SRS that turns bounces to forwarded mail's senders back
 * into the original senders, the authentication checks of mail received on port 25 ({@code
 * checks}), James's command timers ({@code metrics}) and the registry of Postroom's own meters
 * (sessions, messages received).
 */
public record InboundServices(MailDirectory directory, MailStore store, Quarantine quarantine,
        Authenticator authenticator, LoginThrottle throttle, Spool spool, QuotaBounces quotaBounces,
        SenderRewriting senderRewriting, InboundChecks checks, MetricFactory metrics, MeterRegistry meters) {
}

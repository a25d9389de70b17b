package org.postroom.smtp.inbound;

import org.apache.james.metrics.api.MetricFactory;
import org.postroom.smtp.dsn.QuotaBounces;
import org.postroom.smtp.inbound.checks.InboundChecks;
import org.postroom.smtp.inbound.greylist.Greylisting;
import org.postroom.smtp.inbound.limits.SendingControl;
import org.postroom.smtp.inbound.senders.SenderPolicy;
import org.postroom.smtp.inbound.spam.SpamFilter;
import org.postroom.smtp.srs.SenderRewriting;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.quarantine.Quarantine;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the SMTP chains use of the rest of Postroom: the storage services (the quarantine holds
 * what a DMARC policy of quarantine applies to and postmaster mail no one reads; the authenticator
 * and the throttle make AUTH's login pipeline, which counts its own failures), the spool, the DSN
 * for mailboxes found full at the commit, the SRS that turns bounces to forwarded mail's senders
 * back into the original senders, port 25's judgement of senders (lists and DNS blocklists:
 * {@code senders}), its greylisting ({@code greylisting}), the authentication checks of the mail
 * it receives ({@code checks}), the spam filter of received and submitted mail ({@code spam}), the
 * sending limits and suspensions of submission ({@code sending}),
 * James's command timers ({@code metrics}) and the registry of Postroom's own meters (sessions,
 * messages received).
 */
public record InboundServices(MailDirectory directory, MailStore store, Quarantine quarantine,
        Authenticator authenticator, LoginThrottle throttle, Spool spool, QuotaBounces quotaBounces,
        SenderRewriting senderRewriting, SenderPolicy senders, Greylisting greylisting, InboundChecks checks,
        SpamFilter spam, SendingControl sending,
        MetricFactory metrics, MeterRegistry meters) {
}

package org.postroom.smtp.inbound;

import org.apache.james.metrics.api.MetricFactory;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.mailbox.MailStore;

/** What the SMTP chains use of the rest of Postroom: the storage services, the spool and the metrics. */
public record InboundServices(MailDirectory directory, MailStore store, Authenticator authenticator,
        LoginThrottle throttle, Spool spool, MetricFactory metrics) {
}

package org.postroom.server.wiring;

import org.postroom.pop3.Pop3Protocol;
import org.postroom.pop3.maildrop.MaildropLogin;
import org.postroom.server.config.Pop3Properties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.mailbox.MaildropLocks;
import org.postroom.storage.mailbox.Mailboxes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The POP3 module: one protocol (handler chain) for the POP3 (STLS) and POP3S listeners. */
@Configuration(proxyBeanMethods = false)
class Pop3Wiring {

    @Bean
    MaildropLogin maildropLogin(Authenticator authenticator, LoginThrottle throttle, MaildropLocks locks,
            Mailboxes mailboxes, Pop3Properties pop3) {
        return new MaildropLogin(authenticator, throttle, locks, mailboxes, pop3.allowPlaintextAuth());
    }

    @Bean
    Pop3Protocol pop3Protocol(PostroomProperties postroom, MaildropLogin login) {
        return new Pop3Protocol(postroom.hostname(), login);
    }
}

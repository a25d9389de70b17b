package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.storage.quarantine.HeldMessage;

/**
 * postmaster@ and abuse@ of every hosted domain over port 25 (RFC 5321 §4.5.1, RFC 2142): accepted
 * although no user or alias has that name, delivered to the domain's postmaster target, and held
 * for the administrators when the domain has none.
 */
class PostmasterTest {

    private static final String MESSAGE = "From: Remote Admin <admin@elsewhere.test>\r\n"
            + "Subject: your server\r\n"
            + "\r\n"
            + "Hello postmaster.\r\n";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    @Test
    void withoutATargetPostmasterMailIsAcceptedAndHeldForTheAdministrators() {
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("mx.elsewhere.test");
            smtp.send("MAIL FROM:<admin@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<Postmaster@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<abuse@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0 Ok: queued as ");
        }
        List<HeldMessage> held = bed.mail().held();
        assertThat(held).hasSize(1);
        assertThat(held.get(0).reason()).isEqualTo(StoreMessageHook.HOLD_REASON);
        assertThat(held.get(0).recipients()).containsExactly("Postmaster@example.com", "abuse@example.com");
        assertThat(held.get(0).sender()).isEqualTo("admin@elsewhere.test");
        assertThat(bed.mail().inbox("alice@example.com")).isEmpty();
        assertThat(bed.mail().queuedRecipients()).isEmpty();
        assertThat(bed.log().messages("org.postroom.smtp.inbound.StoreMessageHook"))
                .anyMatch(line -> line.contains("held in quarantine: reason=role-address"));
    }

    @Test
    void postmasterWithoutADomainIsThePostmasterOfTheServersDomain() {
        bed.mail().domains().setPostmasterTarget("example.com", "alice@example.com");
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("mx.elsewhere.test");
            smtp.send("MAIL FROM:<admin@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<PostMaster>").expect("250 2.1.5");
            smtp.send("RCPT TO:<bob>").expect("501 5.1.3");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0 Ok: queued as ");
        }
        // mx.postroom.test is in no hosted domain: the one added first, example.com, is the server's
        assertThat(bed.mail().inbox("alice@example.com")).singleElement()
                .satisfies(message -> assertThat(new String(message, StandardCharsets.US_ASCII)).contains("Hello postmaster."));
        assertThat(bed.mail().inbox("bob@example.com")).isEmpty();
    }

    @Test
    void heldPostmasterMailIsReleasedToTheTargetSetAfterwards() {
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("mx.elsewhere.test");
            smtp.send("MAIL FROM:<admin@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<postmaster@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        long held = bed.mail().held().get(0).id();
        bed.mail().domains().setPostmasterTarget("example.com", "bob@example.com");
        bed.mail().quarantine().release(held);
        assertThat(bed.mail().inbox("bob@example.com")).singleElement()
                .satisfies(message -> assertThat(new String(message, StandardCharsets.US_ASCII)).contains("Hello postmaster."));
        assertThat(bed.mail().held()).isEmpty();
    }

    @Test
    void aLocalTargetGetsTheMailOfBothRoleAddresses() {
        bed.mail().domains().setPostmasterTarget("example.com", "alice@example.com");
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("mx.elsewhere.test");
            smtp.send("MAIL FROM:<admin@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<postmaster@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<abuse@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0 Ok: queued as ");
        }
        List<byte[]> inbox = bed.mail().inbox("alice@example.com");
        assertThat(inbox).hasSize(1);
        assertThat(new String(inbox.get(0), StandardCharsets.US_ASCII)).contains("Hello postmaster.");
        assertThat(bed.mail().held()).isEmpty();
    }

    @Test
    void anExternalTargetIsQueuedForDelivery() {
        bed.mail().domains().setPostmasterTarget("example.com", "noc@provider.test");
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("mx.elsewhere.test");
            smtp.send("MAIL FROM:<admin@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<abuse@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().queuedRecipients()).containsExactly("noc@provider.test");
    }

    @Test
    void heldAndDeliveredRecipientsNeverShareATransaction() {
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("mx.elsewhere.test");
            smtp.send("MAIL FROM:<admin@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<postmaster@example.com>").expect("452 4.5.3 Send this recipient in a transaction");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");

            smtp.send("MAIL FROM:<admin@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<postmaster@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<bob@example.com>").expect("452 4.5.3");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
        assertThat(bed.mail().inbox("bob@example.com")).isEmpty();
        assertThat(bed.mail().held()).singleElement()
                .satisfies(held -> assertThat(held.recipients()).containsExactly("postmaster@example.com"));
        assertThat(bed.meters().find("postroom.smtp.refusals").tag("reason", "held-apart").counter().count())
                .isEqualTo(2);
    }

    @Test
    void aDomainsCatchAllTakesItsRoleAddressesWhenItHasNoTarget() {
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("mx.elsewhere.test");
            smtp.send("MAIL FROM:<admin@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<postmaster@catchall.test>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
        assertThat(bed.mail().held()).isEmpty();
    }

    @Test
    void theDatabaseDownWhileHoldingIsATemporaryFailure() {
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("mx.elsewhere.test");
            smtp.send("MAIL FROM:<admin@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<postmaster@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            bed.mail().breakDatabase();
            smtp.raw(MESSAGE + ".\r\n").expect("451 4.3.0");
            bed.mail().repairDatabase();
        }
        assertThat(bed.mail().held()).isEmpty();
        assertThat(bed.mail().storedMessages()).isZero();
    }
}

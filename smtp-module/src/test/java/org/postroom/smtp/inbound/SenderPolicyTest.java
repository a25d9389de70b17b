package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.storage.senders.SenderAction;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderLists;

/** The recipients' allow and block lists of senders on port 25, over a real socket and a real PostgreSQL. */
class SenderPolicyTest {

    private static final SenderList EXAMPLE_COM = SenderList.ofDomain("example.com");
    private static final SenderList ALICE = SenderList.ofUser("alice@example.com");

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private SmtpTranscript mailFrom(String sender) {
        SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port());
        smtp.ehlo("mx.elsewhere.test");
        smtp.send("MAIL FROM:<" + sender + ">").expect("250 2.1.0");
        return smtp;
    }

    private SenderLists lists() {
        return bed.mail().senderLists();
    }

    @Test
    void anAddressOnAUsersBlockListIsRefusedForThatUserOnly() {
        lists().put(ALICE, "pest@bad.test", SenderAction.BLOCK);
        try (SmtpTranscript smtp = mailFrom("Pest@Bad.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("550 5.7.1 Sender blocked by the recipient's sender list");
            smtp.send("RCPT TO:<alice+news@example.com>").expect("550 5.7.1");
            smtp.send("RCPT TO:<bob@example.com>").expect("250 2.1.5");
        }
        assertThat(bed.meters().find("postroom.smtp.refusals").tag("reason", "sender-blocked").counter().count())
                .isEqualTo(2);
        assertThat(bed.log().messages("org.postroom.smtp.inbound.senders.SenderPolicyHook"))
                .anyMatch(line -> line.contains("reason=sender-blocked entry=pest@bad.test list=user"));
    }

    @Test
    void aDomainOnTheDomainsBlockListIsRefusedForEveryRecipientThere() {
        lists().put(EXAMPLE_COM, "@bad.test", SenderAction.BLOCK);
        try (SmtpTranscript smtp = mailFrom("anyone@bad.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("550 5.7.1");
            smtp.send("RCPT TO:<team@example.com>").expect("550 5.7.1");
            smtp.send("RCPT TO:<nobody@catchall.test>").expect("250 2.1.5");
        }
        try (SmtpTranscript smtp = mailFrom("anyone@sub.bad.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
        }
    }

    @Test
    void theClientsNetworkOnABlockListRefusesEverySenderButNotPostmasterOrAbuse() {
        lists().put(EXAMPLE_COM, "127.0.0.0/8", SenderAction.BLOCK);
        try (SmtpTranscript smtp = mailFrom("")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("550 5.7.1");
            smtp.send("RCPT TO:<postmaster@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<abuse@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw("Subject: you block us\r\n\r\nPlease unblock.\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().held()).singleElement()
                .satisfies(held -> assertThat(held.recipients()).containsExactly("postmaster@example.com",
                        "abuse@example.com"));
    }

    @Test
    void aUsersAllowEntryOverridesTheDomainsBlockAndAUsersBlockTheDomainsAllow() {
        lists().put(EXAMPLE_COM, "@partner.test", SenderAction.BLOCK);
        lists().put(ALICE, "boss@partner.test", SenderAction.ALLOW);
        lists().put(EXAMPLE_COM, "127.0.0.1", SenderAction.ALLOW);
        lists().put(SenderList.ofUser("bob@example.com"), "127.0.0.1", SenderAction.BLOCK);
        try (SmtpTranscript smtp = mailFrom("boss@partner.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<bob@example.com>").expect("550 5.7.1");
        }
        try (SmtpTranscript smtp = mailFrom("someone@elsewhere.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<bob@example.com>").expect("550 5.7.1");
        }
    }

    @Test
    void theDatabaseDownWhileMatchingIsATemporaryFailure() {
        try (SmtpTranscript smtp = mailFrom("someone@elsewhere.test")) {
            bed.mail().breakDatabase();
            smtp.send("RCPT TO:<alice@example.com>").expect("451 4.3.0");
            bed.mail().repairDatabase();
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
        }
    }
}

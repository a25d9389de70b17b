package org.postroom.smtp.digest;

import java.time.Clock;
import java.time.LocalDate;

import org.postroom.storage.Printable;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.quarantine.DigestOutcome;
import org.postroom.storage.quarantine.QuarantineDigests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One day's round of quarantine digests: claimed for the whole installation by the first process
 * that asks ({@link QuarantineDigests#claimRound}), then one digest per user with newly held
 * messages, each stored with the mark that names its messages in one transaction (so a message is
 * never named twice, whoever sends), then marked finished. One INFO line per digest and per round.
 */
public final class QuarantineDigestRound {

    private static final Logger log = LoggerFactory.getLogger(QuarantineDigestRound.class);

    private final QuarantineDigests digests;
    private final QuarantineDigest message;
    private final String node;
    private final Clock clock;

    /** {@code node} names this process in the round's claim (host and pid). */
    public QuarantineDigestRound(QuarantineDigests digests, QuarantineDigest message, String node, Clock clock) {
        this.digests = digests;
        this.message = message;
        this.node = node;
        this.clock = clock;
    }

    /**
     * Sends the digests of {@code day} unless another process has that round or it was finished.
     * Returns how many digests were sent; a user whose mailbox is full gets theirs with the next
     * round.
     *
     * @throws StorageUnavailableException when the database fails; what was sent stays sent, and
     *         calling again (this process still holds the claim) sends the rest
     */
    public int run(LocalDate day) {
        if (!digests.claimRound(day, node)) {
            log.info("quarantine digest: the round of {} is done or another process has it", day);
            return 0;
        }
        int sent = 0;
        for (String address : digests.recipients()) {
            DigestOutcome outcome = digests.send(address, digest -> message.compose(digest, clock.instant()));
            if (outcome instanceof DigestOutcome.Sent digest) {
                sent++;
                log.info("quarantine digest to <{}> about {} held message(s) stored as message {}",
                        Printable.of(address), digest.messages(), digest.messageId());
            } else if (outcome instanceof DigestOutcome.MailboxFull) {
                log.info("quarantine digest to <{}> not stored: reason=mailbox-full; its messages go in the next one",
                        Printable.of(address));
            }
        }
        digests.finishRound(day);
        log.info("quarantine digest: round of {} finished, {} digest(s) sent", day, sent);
        return sent;
    }
}

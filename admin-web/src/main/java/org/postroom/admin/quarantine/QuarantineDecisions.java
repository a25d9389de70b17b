package org.postroom.admin.quarantine;

import java.security.Principal;

import org.postroom.storage.Printable;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.quarantine.ReleaseReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An administrator's decision on a held message, from the console or the API alike, logged once
 * with who made it. A refusal (unknown, released already, over quota) comes from storage as an
 * exception, which the console and the API each turn into their answer.
 */
@Component
class QuarantineDecisions {

    private static final Logger log = LoggerFactory.getLogger(QuarantineDecisions.class);

    private final Quarantine quarantine;

    QuarantineDecisions(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    ReleaseReceipt release(long id, Principal administrator) {
        ReleaseReceipt receipt = quarantine.release(id);
        log.info("administrator '{}' released held message {}: delivered to {}, over quota {}, undeliverable {}",
                Printable.of(administrator.getName()), id, receipt.delivered(), receipt.overQuota(),
                receipt.undeliverable());
        return receipt;
    }

    void delete(long id, Principal administrator) {
        quarantine.delete(id);
        log.info("administrator '{}' deleted held message {}", Printable.of(administrator.getName()), id);
    }
}

package org.postroom.smtp.inbound.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.postroom.smtp.inbound.checks.DmarcResult.Policy;

/** RFC 7489 §6.3: the tags that decide, read leniently where the RFC says so and strictly elsewhere. */
class DmarcRecordTest {

    @Test
    void onlyARecordStartingWithTheVersionIsADmarcRecord() {
        assertThat(DmarcRecord.isDmarc("v=DMARC1; p=reject")).isTrue();
        assertThat(DmarcRecord.isDmarc(" v = DMARC1 ;p=none")).isTrue();
        assertThat(DmarcRecord.isDmarc("v=DMARC1")).isTrue();
        assertThat(DmarcRecord.isDmarc("p=reject; v=DMARC1")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=dmarc1; p=reject")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=spf1 -all")).isFalse();
    }

    @Test
    void theDefaultsAreRelaxedAlignmentEveryMessageAndTheSubdomainsPolicyIsTheDomains() {
        assertThat(DmarcRecord.parse("v=DMARC1; p=quarantine"))
                .isEqualTo(new DmarcRecord(Policy.QUARANTINE, Policy.QUARANTINE, false, false, 100));
    }

    @Test
    void everyDecidingTagIsReadInAnyCaseAndUnknownTagsAreIgnored() {
        assertThat(DmarcRecord.parse("v=DMARC1; P=Reject; SP=none; adkim=s; ASPF=S; pct=25; fo=1; x-new=y"))
                .isEqualTo(new DmarcRecord(Policy.REJECT, Policy.NONE, true, true, 25));
    }

    @Test
    void aRecordWithoutAValidPolicyIsUnusableUnlessItAsksForReports() {
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; rua=")).hasMessageContaining("p=");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=discard")).hasMessageContaining("p=discard");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=reject; pct=150")).hasMessageContaining("pct=150");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=reject; adkim=x")).hasMessageContaining("adkim=x");
        // §6.6.3 step 6: with a report address it counts as p=none
        assertThat(DmarcRecord.parse("v=DMARC1; rua=mailto:dmarc@example.org").policy()).isEqualTo(Policy.NONE);
    }
}

package org.postroom.storage.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;

class SpamPoliciesTest {

    private TestDatabase testDatabase;
    private SpamPolicies policies;
    private DomainRepository domains;

    @BeforeEach
    void createDomains() {
        testDatabase = TestDatabase.create();
        policies = new SpamPolicies(testDatabase.database());
        domains = new DomainRepository(testDatabase.database(), "postroom");
        domains.create("example.com");
        domains.create("example.org");
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aDomainNeverSetTagsWithSpamAndDelivers() {
        assertThat(policies.of("example.com")).isEqualTo(new SpamPolicy("[SPAM]", false));
    }

    @Test
    void aSetPolicyIsReadBackByOneNameAndByMany() {
        policies.set("Example.COM.", new SpamPolicy(" ***SPAM*** ", true));
        assertThat(policies.of("example.com")).isEqualTo(new SpamPolicy("***SPAM***", true));
        assertThat(policies.of(List.of("example.com", "example.org", "elsewhere.test")))
                .containsOnlyKeys("example.com", "example.org")
                .containsEntry("example.com", new SpamPolicy("***SPAM***", true))
                .containsEntry("example.org", SpamPolicy.DEFAULT);
    }

    @Test
    void settingAgainReplacesThePolicy() {
        policies.set("example.com", new SpamPolicy("", true));
        policies.set("example.com", new SpamPolicy("[Junk]", false));
        assertThat(policies.of("example.com")).isEqualTo(new SpamPolicy("[Junk]", false));
    }

    @Test
    void anUnknownDomainHasNoPolicy() {
        assertThatThrownBy(() -> policies.of("nowhere.test")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> policies.set("nowhere.test", SpamPolicy.DEFAULT)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTagMustBeShortPrintableAndOnOneLine() {
        assertThatThrownBy(() -> new SpamPolicy("[SPAM]\r\nBcc: x@example.net", false))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new SpamPolicy("x".repeat(65), false)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void thePolicyLeavesWithItsDomain() {
        policies.set("example.com", new SpamPolicy("[Junk]", true));
        domains.delete("example.com", true);
        domains.create("example.com");
        assertThat(policies.of("example.com")).isEqualTo(SpamPolicy.DEFAULT);
    }
}

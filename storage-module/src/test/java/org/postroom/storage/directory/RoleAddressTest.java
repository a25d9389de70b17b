package org.postroom.storage.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.LocalMailbox;
import org.postroom.storage.directory.RecipientResolution.UnknownLocal;
import org.postroom.storage.directory.RecipientResolution.Unattended;
import org.postroom.storage.directory.RecipientResolution.Via;

/** postmaster@ and abuse@ of every domain: where the directory sends them, and the domain's postmaster target. */
class RoleAddressTest {

    private static final String PASSWORD = "correct horse battery";

    private TestDatabase testDatabase;
    private DomainRepository domains;
    private UserRepository users;
    private AliasRepository aliases;
    private MailDirectory directory;

    @BeforeEach
    void createDirectory() {
        testDatabase = TestDatabase.create();
        domains = new DomainRepository(testDatabase.database(), "postroom");
        users = new UserRepository(testDatabase.database());
        aliases = new AliasRepository(testDatabase.database());
        directory = new MailDirectory(testDatabase.database());
        domains.create("example.com");
        users.create("alice@example.com", PASSWORD, null);
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void withoutTargetUserAliasOrCatchAllPostmasterAndAbuseAreUnattendedNotUnknown() {
        assertThat(directory.resolve("postmaster@example.com")).isInstanceOf(Unattended.class);
        assertThat(directory.resolve("Abuse@EXAMPLE.com")).isInstanceOf(Unattended.class);
        assertThat(directory.resolve("postmaster+reports@example.com")).isInstanceOf(Unattended.class);
        assertThat(directory.resolve("hostmaster@example.com")).isInstanceOf(UnknownLocal.class);
        assertThat(domains.withUnattendedRoleAddresses()).containsExactly("example.com");
    }

    @Test
    void aLocalTargetReceivesBothRoleAddresses() {
        domains.setPostmasterTarget("example.com", "Alice@example.com");
        assertThat(domains.find("example.com").orElseThrow().postmasterTarget()).isEqualTo("alice@example.com");
        for (String role : List.of("postmaster@example.com", "abuse@example.com", "POSTMASTER+x@example.com.")) {
            Deliverable deliverable = (Deliverable) directory.resolve(role);
            assertThat(deliverable.via()).isEqualTo(Via.ROLE);
            assertThat(deliverable.mailboxes()).extracting(LocalMailbox::owner).containsExactly("alice@example.com");
            assertThat(deliverable.remoteAddresses()).isEmpty();
        }
        assertThat(domains.withUnattendedRoleAddresses()).isEmpty();
    }

    @Test
    void anExternalTargetIsRelayed() {
        domains.create("other.test", "noc@provider.example");
        Deliverable deliverable = (Deliverable) directory.resolve("abuse@other.test");
        assertThat(deliverable.mailboxes()).isEmpty();
        assertThat(deliverable.remoteAddresses()).containsExactly("noc@provider.example");
    }

    @Test
    void aRealUserOrAliasOfThatNameStillWins() {
        domains.setPostmasterTarget("example.com", "noc@provider.example");
        users.create("postmaster@example.com", PASSWORD, null);
        aliases.create("abuse@example.com", List.of("alice@example.com"));
        Deliverable postmaster = (Deliverable) directory.resolve("postmaster@example.com");
        assertThat(postmaster.via()).isEqualTo(Via.USER);
        assertThat(postmaster.mailboxes()).extracting(LocalMailbox::owner).containsExactly("postmaster@example.com");
        assertThat(((Deliverable) directory.resolve("abuse@example.com")).via()).isEqualTo(Via.ALIAS);
    }

    @Test
    void theTargetComesBeforeTheCatchAllAndTheCatchAllBeforeTheQuarantine() {
        users.create("bob@example.com", PASSWORD, null);
        aliases.create("@example.com", List.of("bob@example.com"));
        Deliverable caught = (Deliverable) directory.resolve("postmaster@example.com");
        assertThat(caught.via()).isEqualTo(Via.CATCH_ALL);
        assertThat(domains.withUnattendedRoleAddresses()).isEmpty();

        domains.setPostmasterTarget("example.com", "alice@example.com");
        Deliverable targeted = (Deliverable) directory.resolve("postmaster@example.com");
        assertThat(targeted.via()).isEqualTo(Via.ROLE);
        assertThat(targeted.mailboxes()).extracting(LocalMailbox::owner).containsExactly("alice@example.com");
    }

    @Test
    void anAliasTargetIsExpandedAndAnAliasToARoleAddressFollowsTheTarget() {
        users.create("bob@example.com", PASSWORD, null);
        aliases.create("noc@example.com", List.of("alice@example.com", "bob@example.com"));
        domains.setPostmasterTarget("example.com", "noc@example.com");
        assertThat(((Deliverable) directory.resolve("abuse@example.com")).mailboxes()).extracting(LocalMailbox::owner)
                .containsExactlyInAnyOrder("alice@example.com", "bob@example.com");

        domains.create("second.test", null);
        aliases.create("webmaster@second.test", List.of("postmaster@example.com"));
        assertThat(((Deliverable) directory.resolve("webmaster@second.test")).mailboxes())
                .extracting(LocalMailbox::owner).containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
    }

    @Test
    void aTargetThatNoLongerTakesMailLeavesTheRoleAddressesUnattended() {
        users.create("bob@example.com", PASSWORD, null);
        domains.setPostmasterTarget("example.com", "bob@example.com");
        assertThat(domains.withUnattendedRoleAddresses()).isEmpty();
        users.delete("bob@example.com");
        assertThat(directory.resolve("postmaster@example.com")).isInstanceOf(Unattended.class);
        assertThat(domains.withUnattendedRoleAddresses()).containsExactly("example.com");
    }

    @Test
    void aLocalTargetMustBeAUserOrAnAliasAndAnyTargetAnAddress() {
        assertThatThrownBy(() -> domains.setPostmasterTarget("example.com", "nobody@example.com"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nobody@example.com");
        assertThatThrownBy(() -> domains.setPostmasterTarget("example.com", "postmaster@example.com"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> domains.setPostmasterTarget("example.com", "not an address"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> domains.create("new.test", "someone@new.test"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(domains.find("new.test")).isEmpty();
        assertThatThrownBy(() -> domains.setPostmasterTarget("missing.test", "alice@example.com"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBlankTargetRemovesIt() {
        domains.setPostmasterTarget("example.com", "alice@example.com");
        assertThat(domains.setPostmasterTarget("example.com", " ").postmasterTarget()).isNull();
        assertThat(directory.resolve("postmaster@example.com")).isInstanceOf(Unattended.class);
    }
}

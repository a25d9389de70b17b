package org.postroom.storage.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.RecipientResolution.AliasLimitExceeded;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.Disabled;
import org.postroom.storage.directory.RecipientResolution.LocalMailbox;
import org.postroom.storage.directory.RecipientResolution.NotLocal;
import org.postroom.storage.directory.RecipientResolution.UnknownLocal;
import org.postroom.storage.directory.RecipientResolution.Via;

class MailDirectoryTest {

    private static final String PASSWORD = "correct horse battery";

    private static TestDatabase testDatabase;
    private static MailDirectory directory;
    private static UserRepository users;
    private static AliasRepository aliases;

    @BeforeAll
    static void createDirectory() {
        testDatabase = TestDatabase.create();
        Database db = testDatabase.database();
        directory = new MailDirectory(db);
        users = new UserRepository(db);
        aliases = new AliasRepository(db);
        DomainRepository domains = new DomainRepository(db, "postroom");
        domains.create("example.com");
        domains.create("catchall.test");
        users.create("alice@example.com", PASSWORD, null);
        users.create("bob@example.com", PASSWORD, null);
        users.create("carol@catchall.test", PASSWORD, null);
        users.create("dave@catchall.test", PASSWORD, null);
        users.create("eve@example.com", PASSWORD, null);
        users.setEnabled("eve@example.com", false);
        aliases.create("sales@example.com", List.of("alice@example.com", "bob@example.com", "partner@elsewhere.org"));
        aliases.create("team@example.com", List.of("sales@example.com", "eve@example.com"));
        aliases.create("loop-a@example.com", List.of("loop-b@example.com", "alice@example.com"));
        aliases.create("loop-b@example.com", List.of("loop-a@example.com"));
        aliases.create("dead@example.com", List.of("nobody@example.com"));
        aliases.create("info@catchall.test", List.of("dave@catchall.test"));
        aliases.create("@catchall.test", List.of("carol@catchall.test"));
    }

    @AfterAll
    static void dropDirectory() {
        testDatabase.close();
    }

    @Test
    void aUserIsFoundWhateverTheCaseOfLocalPartAndDomain() {
        assertThat(owners(directory.resolve("ALICE@Example.COM"))).containsExactly("alice@example.com");
        assertThat(((Deliverable) directory.resolve("alice@example.com")).via()).isEqualTo(Via.USER);
    }

    @Test
    void theServersDomainIsTheNearestHostedParentOfItsNameElseTheFirstDomainAdded() {
        assertThat(directory.serverDomain("catchall.test")).contains("catchall.test");
        assertThat(directory.serverDomain("MX1.Mail.Catchall.Test.")).contains("catchall.test");
        assertThat(directory.serverDomain("mx.elsewhere.org")).contains("example.com");
    }

    @Test
    void aTrailingDotOnTheDomainIsIgnored() {
        assertThat(owners(directory.resolve("alice@example.com."))).containsExactly("alice@example.com");
    }

    @Test
    void plusAddressingDeliversToTheUserWithoutTheTag() {
        assertThat(owners(directory.resolve("alice+news@example.com"))).containsExactly("alice@example.com");
        assertThat(owners(directory.resolve("Alice+Several+Plus@EXAMPLE.com."))).containsExactly("alice@example.com");
    }

    @Test
    void plusAddressingWorksForAliasesToo() {
        assertThat(owners(directory.resolve("sales+q3@example.com")))
                .containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
    }

    @Test
    void anUnknownLocalUserIsUnknownNotRelayed() {
        assertThat(directory.resolve("nobody@example.com")).isInstanceOf(UnknownLocal.class);
        assertThat(directory.resolve("+tag@example.com")).isInstanceOf(UnknownLocal.class);
    }

    @Test
    void aForeignDomainIsNotLocal() {
        assertThat(directory.resolve("alice@example.org")).isInstanceOf(NotLocal.class);
        assertThat(directory.resolve("alice@sub.example.com")).isInstanceOf(NotLocal.class);
    }

    @Test
    void relayTricksAtALocalDomainNeverResolveToAnExternalAddress() {
        for (String trick : List.of("user%elsewhere.org@example.com", "\"alice@elsewhere.org\"@example.com",
                "elsewhere.org!alice@example.com", "alice@elsewhere.org@example.com")) {
            assertThat(directory.resolve(trick)).as(trick).isInstanceOf(UnknownLocal.class);
        }
    }

    @Test
    void aDisabledUserReceivesNothing() {
        assertThat(directory.resolve("eve@example.com")).isInstanceOf(Disabled.class);
    }

    @Test
    void anAliasExpandsToLocalMailboxesAndExternalAddresses() {
        Deliverable sales = (Deliverable) directory.resolve("sales@example.com");
        assertThat(sales.via()).isEqualTo(Via.ALIAS);
        assertThat(owners(sales)).containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
        assertThat(sales.remoteAddresses()).containsExactly("partner@elsewhere.org");
    }

    @Test
    void aliasChainsExpandRecursivelyAndSkipDisabledMembers() {
        Deliverable team = (Deliverable) directory.resolve("team@example.com");
        assertThat(owners(team)).containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
        assertThat(team.remoteAddresses()).containsExactly("partner@elsewhere.org");
    }

    @Test
    void anAliasLoopIsCutAndTheRestStillDelivers() {
        assertThat(owners(directory.resolve("loop-a@example.com"))).containsExactly("alice@example.com");
        assertThat(owners(directory.resolve("loop-b@example.com"))).containsExactly("alice@example.com");
    }

    @Test
    void anAliasWhoseTargetsAllVanishedIsUnknown() {
        assertThat(directory.resolve("dead@example.com")).isInstanceOf(UnknownLocal.class);
    }

    @Test
    void theCatchAllTakesOnlyWhatNoUserOrAliasTakes() {
        assertThat(owners(directory.resolve("dave@catchall.test"))).containsExactly("dave@catchall.test");
        assertThat(owners(directory.resolve("info@catchall.test"))).containsExactly("dave@catchall.test");
        assertThat(owners(directory.resolve("dave+tag@catchall.test"))).containsExactly("dave@catchall.test");
        Deliverable other = (Deliverable) directory.resolve("whoever@catchall.test");
        assertThat(other.via()).isEqualTo(Via.CATCH_ALL);
        assertThat(owners(other)).containsExactly("carol@catchall.test");
    }

    @Test
    void tooDeepAliasNestingIsReportedNotFollowedForever() {
        List<String> chain = new ArrayList<>();
        for (int i = 0; i <= MailDirectory.MAX_DEPTH + 1; i++) {
            chain.add("deep" + i + "@example.com");
        }
        for (int i = 0; i < chain.size() - 1; i++) {
            aliases.create(chain.get(i), List.of(chain.get(i + 1)));
        }
        aliases.create(chain.get(chain.size() - 1), List.of("alice@example.com"));
        assertThat(directory.resolve(chain.get(0))).isInstanceOf(AliasLimitExceeded.class);
        assertThat(owners(directory.resolve(chain.get(3)))).containsExactly("alice@example.com");
    }

    @Test
    void theRoomLeftInEachMailboxIsKnownSoRcptCanRefuseEarly() {
        users.create("full@example.com", PASSWORD, 0L);
        users.create("small@example.com", PASSWORD, 1000L);
        assertThat(((Deliverable) directory.resolve("full@example.com")).hasRoomFor(1)).isFalse();
        Deliverable small = (Deliverable) directory.resolve("small@example.com");
        assertThat(small.mailboxes()).singleElement().extracting(LocalMailbox::freeBytes).isEqualTo(1000L);
        assertThat(small.hasRoomFor(1000)).isTrue();
        assertThat(small.hasRoomFor(1001)).isFalse();
        assertThat(((Deliverable) directory.resolve("alice@example.com")).hasRoomFor(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void localDomainsAreRecognisedInAnyCase() {
        assertThat(directory.isLocalDomain("EXAMPLE.com.")).isTrue();
        assertThat(directory.isLocalDomain("example.org")).isFalse();
    }

    private static Set<String> owners(RecipientResolution resolution) {
        assertThat(resolution).isInstanceOf(Deliverable.class);
        return ((Deliverable) resolution).mailboxes().stream().map(LocalMailbox::owner)
                .collect(java.util.stream.Collectors.toSet());
    }
}

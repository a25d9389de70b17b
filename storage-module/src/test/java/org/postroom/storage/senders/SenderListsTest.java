package org.postroom.storage.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.senders.SenderList.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class SenderListsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final SenderList DOMAIN = SenderList.ofDomain("example.com");
    private static final SenderList ALICE = SenderList.ofUser("alice@example.com");

    private TestDatabase testDatabase;
    private SenderLists lists;
    private DomainRepository domains;
    private UserRepository users;

    @BeforeEach
    void createDirectory() {
        testDatabase = TestDatabase.create();
        lists = new SenderLists(testDatabase.database());
        domains = new DomainRepository(testDatabase.database(), "postroom");
        users = new UserRepository(testDatabase.database());
        domains.create("example.com");
        users.create("alice@example.com", PASSWORD, null);
        users.create("bob@example.com", PASSWORD, null);
        new AliasRepository(testDatabase.database()).create("team@example.com", List.of("alice@example.com"));
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void entriesAreStoredInTheirCanonicalText() {
        lists.put(DOMAIN, " Spammer@Bad.EXAMPLE ", SenderAction.BLOCK);
        lists.put(DOMAIN, "@Bücher.example", SenderAction.BLOCK);
        lists.put(DOMAIN, "198.51.100.77/24", SenderAction.BLOCK);
        lists.put(DOMAIN, "203.0.113.9", SenderAction.ALLOW);
        lists.put(DOMAIN, "2001:DB8:0:0::/32", SenderAction.BLOCK);
        lists.put(DOMAIN, "2001:db8:1::5", SenderAction.ALLOW);
        assertThat(lists.list(DOMAIN)).extracting(SenderRule::entry).containsExactlyInAnyOrder(
                "198.51.100.0/24", "2001:db8:1::5", "2001:db8::/32", "203.0.113.9", "@xn--bcher-kva.example",
                "spammer@bad.example");
    }

    @Test
    void anEntryIsOnAListOnceAndPuttingItAgainChangesItsAction() {
        SenderListChange first = lists.put(ALICE, "news@shop.example", SenderAction.BLOCK);
        assertThat(first.created()).isTrue();
        SenderListChange second = lists.put(ALICE, "NEWS@shop.example", SenderAction.ALLOW);
        assertThat(second.created()).isFalse();
        assertThat(second.rule().action()).isEqualTo(SenderAction.ALLOW);
        assertThat(lists.list(ALICE)).extracting(SenderRule::entry, SenderRule::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("news@shop.example", SenderAction.ALLOW));
        // the domain's list is another list
        assertThat(lists.put(DOMAIN, "news@shop.example", SenderAction.BLOCK).created()).isTrue();
        assertThat(lists.list(SenderList.ofUser("bob@example.com"))).isEmpty();
    }

    @Test
    void removingTakesTheEntryAsTypedInAnyForm() {
        lists.put(DOMAIN, "192.0.2.0/24", SenderAction.BLOCK);
        lists.put(DOMAIN, "2001:db8::1", SenderAction.BLOCK);
        lists.remove(DOMAIN, "192.0.2.9/24");
        lists.remove(DOMAIN, "2001:0db8:0:0:0:0:0:1");
        assertThat(lists.list(DOMAIN)).isEmpty();
        assertThatThrownBy(() -> lists.remove(DOMAIN, "192.0.2.0/24")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("192.0.2.0/24");
    }

    @Test
    void badEntriesAndUnknownOwnersAreRefusedWithTheReason() {
        for (String bad : List.of("", "   ", "not an entry", "@", "@nodot", "a@b@", "192.0.2.1/33", "300.1.1.1", "::1/129")) {
            assertThatThrownBy(() -> lists.put(DOMAIN, bad, SenderAction.BLOCK)).as(bad)
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> SenderAction.of("deny")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("allow or block");
        assertThatThrownBy(() -> lists.list(SenderList.ofDomain("missing.example"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> lists.put(SenderList.ofUser("nobody@example.com"), "a@b.example", SenderAction.BLOCK))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody@example.com");
        assertThat(lists.list(DOMAIN)).isEmpty();
    }

    @Test
    void anEntryMatchesByAddressDomainOrNetwork() throws Exception {
        lists.put(DOMAIN, "spammer@bad.example", SenderAction.BLOCK);
        lists.put(DOMAIN, "@worse.example", SenderAction.BLOCK);
        lists.put(DOMAIN, "198.51.100.0/24", SenderAction.BLOCK);
        lists.put(DOMAIN, "2001:db8:bad::/48", SenderAction.BLOCK);
        InetAddress elsewhere = ip("192.0.2.1");

        assertThat(match("alice@example.com", "Spammer@BAD.example", elsewhere)).contains("spammer@bad.example");
        assertThat(match("alice@example.com", "other@bad.example", elsewhere)).isEmpty();
        assertThat(match("alice@example.com", "anyone@worse.example", elsewhere)).contains("@worse.example");
        assertThat(match("alice@example.com", "anyone@sub.worse.example", elsewhere)).isEmpty();
        assertThat(match("alice@example.com", "", ip("198.51.100.200"))).contains("198.51.100.0/24");
        assertThat(match("alice@example.com", "", ip("2001:db8:bad:1::2"))).contains("2001:db8:bad::/48");
        assertThat(match("alice@example.com", "", elsewhere)).isEmpty();
        // every recipient of the domain, whatever it is
        assertThat(match("team@example.com", "spammer@bad.example", elsewhere)).isPresent();
        assertThat(match("nobody@example.com", "spammer@bad.example", elsewhere)).isPresent();
        assertThat(match("alice@other.example", "spammer@bad.example", elsewhere)).isEmpty();
    }

    @Test
    void theUsersListComesBeforeTheDomainsAndTheMostSpecificEntryFirst() throws Exception {
        lists.put(DOMAIN, "@partner.example", SenderAction.BLOCK);
        lists.put(ALICE, "boss@partner.example", SenderAction.ALLOW);
        lists.put(DOMAIN, "10.0.0.0/8", SenderAction.BLOCK);
        lists.put(DOMAIN, "10.1.0.0/16", SenderAction.ALLOW);

        Optional<SenderMatch> forAlice = lists.match("alice+tag@example.com", "boss@partner.example", ip("192.0.2.1"));
        assertThat(forAlice).contains(new SenderMatch(SenderAction.ALLOW, "boss@partner.example", Scope.USER));
        assertThat(lists.match("alice@example.com", "boss@partner.example", ip("192.0.2.1"))).get()
                .matches(SenderMatch::allows);
        assertThat(lists.match("bob@example.com", "boss@partner.example", ip("192.0.2.1")))
                .contains(new SenderMatch(SenderAction.BLOCK, "@partner.example", Scope.DOMAIN));
        assertThat(lists.match("bob@example.com", "x@y.example", ip("10.1.2.3")).orElseThrow().action())
                .isEqualTo(SenderAction.ALLOW);
        assertThat(lists.match("bob@example.com", "x@y.example", ip("10.2.2.3")).orElseThrow().action())
                .isEqualTo(SenderAction.BLOCK);
        // an address entry beats a network entry on the same list
        lists.put(DOMAIN, "friend@y.example", SenderAction.ALLOW);
        assertThat(lists.match("bob@example.com", "friend@y.example", ip("10.2.2.3"))).get()
                .matches(SenderMatch::allows);
    }

    @Test
    void aTaggedAddressHasTheListOfTheUserItIsDeliveredTo() throws Exception {
        users.create("alice+shop@example.com", PASSWORD, null);
        lists.put(ALICE, "news@shop.example", SenderAction.BLOCK);
        InetAddress client = ip("192.0.2.1");

        // alice+shop is a user of its own, mail for it is not alice's
        assertThat(match("alice+shop@example.com", "news@shop.example", client)).isEmpty();
        lists.put(SenderList.ofUser("alice+shop@example.com"), "news@shop.example", SenderAction.ALLOW);
        assertThat(lists.match("alice+shop@example.com", "news@shop.example", client))
                .contains(new SenderMatch(SenderAction.ALLOW, "news@shop.example", Scope.USER));
        // without such a user a tag goes to alice, and so does her list
        assertThat(lists.match("alice+other@example.com", "news@shop.example", client))
                .contains(new SenderMatch(SenderAction.BLOCK, "news@shop.example", Scope.USER));
    }

    @Test
    void deletingTheUserOrTheDomainDeletesItsList() {
        lists.put(ALICE, "a@b.example", SenderAction.BLOCK);
        lists.put(DOMAIN, "c@d.example", SenderAction.BLOCK);
        users.delete("alice@example.com");
        assertThat(rows()).isEqualTo(1);
        domains.delete("example.com", true);
        assertThat(rows()).isZero();
    }

    @Test
    void matchingReadsBothListsByTheirIndexes() throws Exception {
        List<String> plan;
        try (Connection connection = testDatabase.dataSource().getConnection()) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("set enable_seqscan = off").update();
            plan = jdbc.sql("explain " + SenderLists.MATCH)
                    .param("rcptDomain", "example.com").param("exact", "alice+tag").param("base", "alice")
                    .param("sender", "a@b.example").param("senderDomain", "b.example").param("client", "192.0.2.1")
                    .query(String.class).list();
        }
        // a seq scan, or a full index scan that filters every row, would name the table but not these
        assertThat(String.join("\n", plan)).as(String.join("\n", plan))
                .containsPattern("Scan (using|on) sender_rule_domain").containsPattern("Index Cond: \\((r\\.)?domain_id = ")
                .containsPattern("Scan (using|on) sender_rule_user").containsPattern("Index Cond: \\((r\\.)?user_id = ANY ");
    }

    private Optional<String> match(String recipient, String sender, InetAddress client) {
        return lists.match(recipient, sender, client).map(SenderMatch::entry);
    }

    private long rows() {
        return JdbcClient.create(testDatabase.dataSource()).sql("select count(*) from sender_rule").query(Long.class)
                .single();
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }
}

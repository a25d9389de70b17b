package org.postroom.storage.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;

class RepositoriesTest {

    private static final String PASSWORD = "correct horse battery";

    private TestDatabase testDatabase;
    private DomainRepository domains;
    private UserRepository users;
    private AliasRepository aliases;

    @BeforeEach
    void createRepositories() {
        testDatabase = TestDatabase.create();
        Database db = testDatabase.database();
        domains = new DomainRepository(db, "postroom");
        users = new UserRepository(db);
        aliases = new AliasRepository(db);
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aDomainIsStoredCanonicalWithItsOwnDkimKey() throws Exception {
        Domain domain = domains.create("Example.COM.");
        assertThat(domain.name()).isEqualTo("example.com");
        assertThat(domain.dkimSelector()).isEqualTo("postroom");
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(domain.dkimPublicKey())));
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(domain.dkimRecord().name()).isEqualTo("postroom._domainkey.example.com");
        assertThat(domain.dkimRecord().value()).startsWith("v=DKIM1; k=rsa; p=MII");
        assertThat(domains.signingKey("EXAMPLE.com").orElseThrow().privateKeyPkcs8()).isNotBlank();
        assertThat(domains.signingKey("example.com").orElseThrow().toString()).doesNotContain("MII");
    }

    @Test
    void internationalisedDomainsAreStoredInPunycode() {
        assertThat(domains.create("bücher.example").name()).isEqualTo("xn--bcher-kva.example");
        assertThat(domains.find("BÜCHER.example.")).isPresent();
    }

    @Test
    void badDomainNamesAreRefusedWithTheReason() {
        for (String bad : List.of("", "localhost", "-bad.example", "a..b", "exa mple.com", "x".repeat(64) + ".com")) {
            assertThatThrownBy(() -> domains.create(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void aDuplicateDomainIsAConflict() {
        domains.create("example.com");
        assertThatThrownBy(() -> domains.create("EXAMPLE.com")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("exists");
    }

    @Test
    void aDomainWithUsersIsDeletedOnlyWhenForced() throws IOException {
        domains.create("example.com");
        users.create("alice@example.com", PASSWORD, null);
        aliases.create("sales@example.com", List.of("alice@example.com"));
        new MailStore(testDatabase.database()).deliver("", MessageOrigin.RECEIVED,
                List.of(Recipient.resolved("alice@example.com",
                        (Deliverable) new MailDirectory(testDatabase.database()).resolve("alice@example.com"))),
                new ByteArrayInputStream(new byte[] {'x'}));

        assertThatThrownBy(() -> domains.delete("example.com", false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 users");
        domains.delete("example.com", true);
        assertThat(domains.list()).isEmpty();
        assertThat(users.find("alice@example.com")).isEmpty();
        assertThat(count("message")).isZero();
        assertThatThrownBy(() -> domains.delete("example.com", true)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aUserIsCreatedWithAnInboxAndFoundInAnyCase() {
        domains.create("example.com");
        UserAccount alice = users.create("Alice@Example.com", PASSWORD, 1_000_000L);
        assertThat(alice.address()).isEqualTo("alice@example.com");
        assertThat(alice.quotaBytes()).isEqualTo(1_000_000L);
        assertThat(alice.enabled()).isTrue();
        assertThat(users.find("ALICE@example.com.")).contains(alice);
        assertThat(count("mailbox")).isEqualTo(1);
    }

    @Test
    void userCreationIsValidated() {
        domains.create("example.com");
        assertThatThrownBy(() -> users.create("alice@unknown.example", PASSWORD, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.create("al ice@example.com", PASSWORD, null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> users.create("@example.com", PASSWORD, null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> users.create("alice@example.com", "short", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least");
        assertThatThrownBy(() -> users.create("alice@example.com", "aaaaaaaaaaaa", null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> users.create("alice@example.com", PASSWORD, -1L))
                .isInstanceOf(InvalidInputException.class);
        users.create("alice@example.com", PASSWORD, null);
        assertThatThrownBy(() -> users.create("ALICE@example.com", PASSWORD, null))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void usersAndAliasesCannotShareAnAddress() {
        domains.create("example.com");
        users.create("alice@example.com", PASSWORD, null);
        aliases.create("sales@example.com", List.of("alice@example.com"));
        assertThatThrownBy(() -> aliases.create("alice@example.com", List.of("x@elsewhere.org")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> users.create("sales@example.com", PASSWORD, null))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void usersChangeQuotaPasswordAndStateAndGoAway() {
        domains.create("example.com");
        users.create("alice@example.com", PASSWORD, null);
        users.setQuota("alice@example.com", 5000L);
        users.setEnabled("alice@example.com", false);
        UserAccount changed = users.find("alice@example.com").orElseThrow();
        assertThat(changed.quotaBytes()).isEqualTo(5000L);
        assertThat(changed.enabled()).isFalse();
        users.setQuota("alice@example.com", null);
        assertThat(users.find("alice@example.com").orElseThrow().quotaBytes()).isNull();

        Authenticator authenticator = new Authenticator(testDatabase.database());
        users.setEnabled("alice@example.com", true);
        users.changePassword("alice@example.com", "a new secret phrase");
        assertThat(authenticator.verify("alice@example.com", "a new secret phrase")).isPresent();
        assertThat(authenticator.verify("alice@example.com", PASSWORD)).isEmpty();

        users.delete("alice@example.com");
        assertThat(users.find("alice@example.com")).isEmpty();
        assertThatThrownBy(() -> users.delete("alice@example.com")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.setQuota("alice@example.com", 1L)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void severalChangesToAUserAreMadeTogether() {
        domains.create("example.com");
        users.create("alice@example.com", PASSWORD, null);

        users.update("alice@example.com", new UserUpdate("a new secret phrase", new UserUpdate.Quota(5000L), false, null));

        UserAccount changed = users.find("alice@example.com").orElseThrow();
        assertThat(changed.quotaBytes()).isEqualTo(5000L);
        assertThat(changed.enabled()).isFalse();
        users.setEnabled("alice@example.com", true);
        assertThat(new Authenticator(testDatabase.database()).verify("alice@example.com", "a new secret phrase"))
                .isPresent();
        assertThatThrownBy(() -> users.update("bob@example.com", UserUpdate.enabled(false)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aChangeWhoseLastWriteFailsLeavesTheUserAsItWas() {
        domains.create("example.com");
        users.create("alice@example.com", PASSWORD, 1000L);
        // the database refuses the last of the three writes: disabling a user
        JdbcClient sql = JdbcClient.create(testDatabase.dataSource());
        sql.sql("""
                create function refuse_disabling() returns trigger language plpgsql as $$
                begin raise exception 'disabling refused for this test'; end $$
                """).update();
        sql.sql("""
                create trigger refuse_disabling before update on mail_user for each row
                when (old.enabled and not new.enabled) execute function refuse_disabling()
                """).update();

        assertThatThrownBy(() -> users.update("alice@example.com",
                new UserUpdate("a new secret phrase", new UserUpdate.Quota(5000L), false, null)))
                .isInstanceOf(StorageUnavailableException.class);

        UserAccount unchanged = users.find("alice@example.com").orElseThrow();
        assertThat(unchanged.quotaBytes()).isEqualTo(1000L);
        assertThat(unchanged.enabled()).isTrue();
        Authenticator authenticator = new Authenticator(testDatabase.database());
        assertThat(authenticator.verify("alice@example.com", PASSWORD)).isPresent();
        assertThat(authenticator.verify("alice@example.com", "a new secret phrase")).isEmpty();
    }

    @Test
    void aDomainsChangesAreMadeTogetherOrNotAtAll() {
        domains.create("together.example");
        users.create("pm@together.example", PASSWORD, null);

        assertThatThrownBy(() -> domains.update("together.example",
                new DomainUpdate(new DomainUpdate.PostmasterTarget("nobody@together.example"), false, null)))
                .isInstanceOf(InvalidInputException.class);
        Domain unchanged = domains.find("together.example").orElseThrow();
        assertThat(unchanged.quarantineDigest()).isTrue();
        assertThat(unchanged.postmasterTarget()).isNull();
        assertThat(unchanged.mtaSts()).as("no policy until an administrator asks for one").isEqualTo(MtaStsMode.NONE);

        Domain changed = domains.update("Together.example",
                new DomainUpdate(new DomainUpdate.PostmasterTarget("pm@together.example"), false, MtaStsMode.ENFORCE));
        assertThat(changed.postmasterTarget()).isEqualTo("pm@together.example");
        assertThat(changed.quarantineDigest()).isFalse();
        assertThat(changed.mtaSts()).isEqualTo(MtaStsMode.ENFORCE);
        assertThat(domains.setMtaSts("together.example", MtaStsMode.TESTING).mtaSts()).isEqualTo(MtaStsMode.TESTING);
        assertThat(users.find("pm@together.example").orElseThrow().quarantineDigest()).isTrue();
        assertThatThrownBy(() -> domains.update("nowhere.example", DomainUpdate.quarantineDigest(true)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void usersAreSearchedByDomainAndTextInPages() {
        domains.create("example.com");
        domains.create("other.example");
        for (String name : List.of("anna", "ben", "bernd", "carla")) {
            users.create(name + "@example.com", PASSWORD, null);
        }
        users.create("bert@other.example", PASSWORD, null);

        Page<UserAccount> first = users.search(null, null, 0, 2);
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.pageCount()).isEqualTo(3);
        assertThat(first.items()).extracting(UserAccount::address).containsExactly("anna@example.com", "ben@example.com");
        assertThat(users.search("example.com", "BE", 0, 10).items()).extracting(UserAccount::address)
                .containsExactly("ben@example.com", "bernd@example.com");
        assertThat(users.search(null, "be", 0, 10).total()).isEqualTo(3);
        assertThat(users.search("nowhere.example", null, 0, 10).items()).isEmpty();
    }

    @Test
    void aliasesAndCatchAllsAreCreatedListedAndDeleted() {
        domains.create("example.com");
        Alias sales = aliases.create("Sales@example.com", List.of("bob@partner.org", "alice@example.com"));
        assertThat(sales.address()).isEqualTo("sales@example.com");
        assertThat(sales.targets()).containsExactly("alice@example.com", "bob@partner.org");
        Alias catchAll = aliases.create("@example.com", List.of("alice@example.com"));
        assertThat(catchAll.isCatchAll()).isTrue();
        assertThat(catchAll.address()).isEqualTo("@example.com");

        assertThat(aliases.list("example.com")).extracting(Alias::address)
                .containsExactly("@example.com", "sales@example.com");
        assertThat(aliases.list(null)).hasSize(2);
        aliases.delete("@example.com");
        assertThat(aliases.find("@example.com")).isEmpty();
        assertThatThrownBy(() -> aliases.delete("@example.com")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aliasCreationIsValidated() {
        domains.create("example.com");
        assertThatThrownBy(() -> aliases.create("sales@example.com", List.of()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> aliases.create("sales@example.com", List.of("not an address")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> aliases.create("sales@example.com", List.of("sales@EXAMPLE.com")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("itself");
        assertThatThrownBy(() -> aliases.create("sales@nowhere.example", List.of("a@example.com")))
                .isInstanceOf(NotFoundException.class);
        aliases.create("sales@example.com", List.of("a@example.com"));
        assertThatThrownBy(() -> aliases.create("sales@example.com", List.of("b@example.com")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void administratorsAreStoredHashed() {
        AdminAccountRepository admins = new AdminAccountRepository(testDatabase.database());
        assertThat(admins.count()).isZero();
        admins.create("admin", PASSWORD);
        assertThat(admins.passwordHash("admin").orElseThrow()).startsWith("{bcrypt}").doesNotContain(PASSWORD);
        assertThatThrownBy(() -> admins.create("admin", PASSWORD)).isInstanceOf(ConflictException.class);
        admins.changePassword("admin", "another good phrase");
        assertThat(Passwords.encoder().matches("another good phrase", admins.passwordHash("admin").orElseThrow()))
                .isTrue();
        assertThatThrownBy(() -> admins.changePassword("nobody", PASSWORD)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anAdministratorWithAGeneratedPasswordMustChangeItOnce() {
        AdminAccountRepository admins = new AdminAccountRepository(testDatabase.database());
        admins.createWithGeneratedPassword("first", PASSWORD);
        admins.create("chosen", PASSWORD);

        assertThat(admins.mustChangePassword("first")).isTrue();
        assertThat(admins.mustChangePassword("chosen")).isFalse();
        assertThat(admins.mustChangePassword("nobody")).isFalse();
        admins.changePassword("first", "my own good phrase");
        assertThat(admins.mustChangePassword("first")).isFalse();
    }

    @Test
    void anAdministratorsNameIsOneWordWithoutControlCharacters() {
        AdminAccountRepository admins = new AdminAccountRepository(testDatabase.database());
        for (String bad : List.of("", "two words", "user:name", "evil\r\nINFO forged", "nul\0", "\u202Eoverride",
                "x".repeat(65))) {
            assertThatThrownBy(() -> admins.create(bad, PASSWORD)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        admins.create("Zoë.admin-2", PASSWORD);
        assertThat(admins.passwordHash("Zoë.admin-2")).isPresent();
    }

    @Test
    void aNewPasswordMayHaveAtMost72BytesInUtf8() {
        domains.create("example.com");
        // bcrypt reads 72 bytes: 72 ASCII characters fit, 37 two-byte ones (74 bytes) do not
        users.create("a@example.com", "0123456789abcdef".repeat(5).substring(0, 72), null);
        assertThatThrownBy(() -> users.create("b@example.com", "0123456789abcdef".repeat(5).substring(0, 73), null))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("password must have at most 72 bytes");
        assertThatThrownBy(() -> users.create("c@example.com", "äöüß".repeat(9) + "é", null))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("password must have at most 72 bytes");
        assertThatThrownBy(() -> new AdminAccountRepository(testDatabase.database()).changePassword("admin", "ä".repeat(37)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(Passwords.matches("0123456789abcdef".repeat(5).substring(0, 72), storedHash("a"))).isTrue();
    }

    private String storedHash(String localPart) {
        return JdbcClient.create(testDatabase.dataSource()).sql("select password_hash from mail_user where local_part = ?")
                .param(localPart).query(String.class).single();
    }

    private long count(String table) {
        return JdbcClient.create(testDatabase.dataSource()).sql("select count(*) from " + table)
                .query(Long.class).single();
    }
}

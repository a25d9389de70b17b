package org.postroom.storage.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.ConflictException;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.AdministratorScope;
import org.postroom.storage.directory.DomainRepository;

/** API tokens in storage: shown once and kept as a digest, valid until expired or revoked, narrowed to the owner's domains. */
class ApiTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Instant NEXT_YEAR = NOW.plus(Duration.ofDays(365));

    private TestDatabase testDatabase;
    private ApiTokens tokens;
    private InetAddress client;

    @BeforeEach
    void administrators() throws Exception {
        testDatabase = TestDatabase.create();
        DomainRepository domains = new DomainRepository(testDatabase.database(), "postroom");
        domains.create("ours.example");
        domains.create("theirs.example");
        AdminAccountRepository admins = new AdminAccountRepository(testDatabase.database());
        admins.create("root", "root's long password");
        admins.create("dadmin", "dadmin's long password", AdministratorScope.domainAdministrator(List.of("ours.example")));
        tokens = new ApiTokens(testDatabase.database());
        client = InetAddress.getByName("192.0.2.7");
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aTokenIsShownOnceAndStoredOnlyAsADigest() {
        NewApiToken created = tokens.create("root", "backup", null, false, NEXT_YEAR, NOW);

        assertThat(created.value()).matches("prt_[a-z2-7]{32}");
        assertThat(created.toString()).doesNotContain(created.value());
        assertThat(created.token().prefix()).isEqualTo(created.value().substring(0, 12));
        String table = testDatabase.database().run("read", jdbc -> jdbc.sql("select * from api_token")
                .query((rs, n) -> rs.getString("prefix") + " " + rs.getString("name") + " "
                        + HexFormat.of().formatHex(rs.getBytes("token_digest"))).list()).toString();
        assertThat(table).doesNotContain(created.value()).doesNotContain(created.value().substring(12));
        assertThat(tokens.authenticate(created.value(), client, NOW)).hasValueSatisfying(token -> {
            assertThat(token.owner()).isEqualTo("root");
            assertThat(token.write()).isFalse();
            assertThat(token.domain()).isNull();
        });
    }

    @Test
    void anExpiredRevokedOrUnknownTokenOpensNothing() {
        NewApiToken created = tokens.create("root", "ci", null, true, NOW.plusSeconds(60), NOW);

        assertThat(tokens.authenticate(created.value(), client, NOW.plusSeconds(59))).isPresent();
        assertThat(tokens.authenticate(created.value(), client, NOW.plusSeconds(60))).isEmpty();
        NewApiToken other = tokens.create("root", "other", null, true, NEXT_YEAR, NOW);
        assertThat(tokens.revoke("root", other.token().id(), NOW).revokedAt()).isEqualTo(NOW);
        assertThat(tokens.authenticate(other.value(), client, NOW)).isEmpty();
        String unknown = "prt_" + "a".repeat(32);
        assertThat(tokens.authenticate(unknown, client, NOW)).isEmpty();
        // the right prefix with another secret
        assertThat(tokens.authenticate(created.value().substring(0, 12) + "a".repeat(24), client, NOW)).isEmpty();
        assertThat(tokens.authenticate("not a token", client, NOW)).isEmpty();
        assertThat(tokens.list("root")).extracting(ApiToken::name).containsExactly("other", "ci");
    }

    @Test
    void theLastUseIsNoted() {
        NewApiToken created = tokens.create("root", "backup", null, false, NEXT_YEAR, NOW);
        assertThat(tokens.list("root").get(0).lastUsedAt()).isNull();

        tokens.authenticate(created.value(), client, NOW.plusSeconds(5));

        ApiToken used = tokens.list("root").get(0);
        assertThat(used.lastUsedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(used.lastUsedFrom()).isEqualTo("192.0.2.7");
    }

    @Test
    void aDomainAdministratorNarrowsATokenOnlyToTheirOwnDomain() {
        assertThat(tokens.create("dadmin", "ours", "OURS.example", true, NEXT_YEAR, NOW).token().domain())
                .isEqualTo("ours.example");
        assertThatThrownBy(() -> tokens.create("dadmin", "theirs", "theirs.example", true, NEXT_YEAR, NOW))
                .isInstanceOf(NotFoundException.class).hasMessage("no domain theirs.example");
        assertThat(tokens.create("root", "theirs", "theirs.example", true, NEXT_YEAR, NOW).token().domain())
                .isEqualTo("theirs.example");
    }

    @Test
    void anotherAdministratorsTokenCannotBeRevoked() {
        NewApiToken created = tokens.create("root", "backup", null, true, NEXT_YEAR, NOW);

        assertThatThrownBy(() -> tokens.revoke("dadmin", created.token().id(), NOW)).isInstanceOf(NotFoundException.class);
        assertThat(tokens.authenticate(created.value(), client, NOW)).isPresent();
    }

    @Test
    void badNamesExpiriesAndDuplicatesAreRefused() {
        assertThatThrownBy(() -> tokens.create("root", " ", null, true, NEXT_YEAR, NOW))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> tokens.create("root", "x", null, true, NOW, NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("future");
        tokens.create("root", "x", null, true, NEXT_YEAR, NOW);
        assertThatThrownBy(() -> tokens.create("root", "x", null, true, NEXT_YEAR, NOW))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> tokens.create("nobody", "x", null, true, NEXT_YEAR, NOW))
                .isInstanceOf(NotFoundException.class);
    }
}

package org.postroom.storage.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;

/** Server and domain administrators in PostgreSQL: their domains, the last server administrator kept. */
class AdministratorScopesTest {

    private static final String PASSWORD = "a long admin password";

    private TestDatabase testDatabase;
    private DomainRepository domains;
    private AdminAccountRepository admins;

    @BeforeEach
    void createRepositories() {
        testDatabase = TestDatabase.create();
        Database db = testDatabase.database();
        domains = new DomainRepository(db, "postroom");
        admins = new AdminAccountRepository(db);
        domains.create("one.example");
        domains.create("two.example");
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aDomainAdministratorHasExactlyTheDomainsGivenInCanonicalForm() {
        admins.create("root", PASSWORD);
        admins.create("clerk", PASSWORD, AdministratorScope.domainAdministrator(List.of("ONE.example.")));

        assertThat(admins.scope("root")).contains(AdministratorScope.serverAdministrator());
        AdministratorScope clerk = admins.scope("clerk").orElseThrow();
        assertThat(clerk.server()).isFalse();
        assertThat(clerk.domains()).containsExactly("one.example");
        assertThat(clerk.covers("One.Example")).isTrue();
        assertThat(clerk.covers("two.example")).isFalse();

        admins.changeScope("clerk", AdministratorScope.domainAdministrator(List.of("two.example", "one.example")));
        assertThat(admins.scope("clerk").orElseThrow().domains()).isEqualTo(Set.of("one.example", "two.example"));
        assertThat(admins.find("clerk").orElseThrow().scope().domains()).containsExactly("one.example", "two.example");
        assertThat(admins.scope("nobody")).isEmpty();
    }

    @Test
    void anUnknownDomainIsRefusedAndNothingIsCreated() {
        assertThatThrownBy(() -> admins.create("clerk", PASSWORD,
                AdministratorScope.domainAdministrator(List.of("one.example", "elsewhere.example"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("elsewhere.example");
        assertThat(admins.scope("clerk")).isEmpty();
    }

    @Test
    void deletingItsDomainLeavesADomainAdministratorWithNothingNeverAServerAdministrator() {
        admins.create("clerk", PASSWORD, AdministratorScope.domainAdministrator(List.of("one.example")));

        domains.delete("one.example", true);

        AdministratorScope left = admins.scope("clerk").orElseThrow();
        assertThat(left.server()).isFalse();
        assertThat(left.domains()).isEmpty();
        assertThat(left.covers("one.example")).isFalse();
    }

    @Test
    void theLastServerAdministratorIsNeitherDeletedNorDemoted() {
        admins.create("root", PASSWORD);
        admins.create("clerk", PASSWORD, AdministratorScope.domainAdministrator(List.of("one.example")));

        assertThatThrownBy(() -> admins.delete("root")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("last server administrator");
        assertThatThrownBy(() -> admins.changeScope("root", AdministratorScope.domainAdministrator(List.of("one.example"))))
                .isInstanceOf(ConflictException.class);
        assertThat(admins.scope("root")).contains(AdministratorScope.serverAdministrator());

        admins.changeScope("clerk", AdministratorScope.serverAdministrator());
        admins.delete("root");
        assertThat(admins.scope("root")).isEmpty();
        assertThatThrownBy(() -> admins.delete("root")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void twoServerAdministratorsDeletedAtOnceLeaveOne() {
        admins.create("a", PASSWORD);
        admins.create("b", PASSWORD);

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> deleted("a"));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> deleted("b"));

        assertThat(List.of(first.join(), second.join())).containsExactlyInAnyOrder(true, false);
        assertThat(admins.list().stream().filter(admin -> admin.scope().server())).hasSize(1);
    }

    @Test
    void aResetPasswordMustBeChangedAndATwoFactorRuleIsKept() {
        admins.create("clerk", PASSWORD, AdministratorScope.domainAdministrator(List.of("one.example")));

        admins.resetPassword("clerk", "a generated password");
        admins.setTwoFactorRequired("clerk", true);

        assertThat(admins.mustChangePassword("clerk")).isTrue();
        assertThat(Passwords.matches("a generated password", admins.passwordHash("clerk").orElseThrow())).isTrue();
        assertThat(admins.twoFactorRequired("clerk")).isTrue();
        assertThat(admins.find("clerk").orElseThrow().twoFactorRequired()).isTrue();
        assertThatThrownBy(() -> admins.resetPassword("nobody", "a generated password"))
                .isInstanceOf(NotFoundException.class);
    }

    private boolean deleted(String username) {
        try {
            admins.delete(username);
            return true;
        } catch (ConflictException lastOne) {
            return false;
        }
    }
}

package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.Passwords;
import org.postroom.testing.LogCapture;

/** The administrator a new installation starts with, against the real PostgreSQL. */
class BootstrapAdministratorTest {

    private static final Pattern GENERATED = Pattern.compile("generated password (\\S+) ");

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private TestDatabase database;
    private AdminAccountRepository admins;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
        admins = new AdminAccountRepository(database.database());
    }

    @AfterEach
    void cleanUp() {
        database.close();
    }

    @Test
    void withoutAConfiguredPasswordOneIsGeneratedAndLoggedExactlyOnce() {
        new BootstrapAdministrator(admins, "admin", null).ensureExists();

        List<String> lines = messages();
        assertThat(lines).hasSize(1);
        Matcher generated = GENERATED.matcher(lines.get(0));
        assertThat(generated.find()).isTrue();
        assertThat(Passwords.encoder().matches(generated.group(1), admins.passwordHash("admin").orElseThrow())).isTrue();

        new BootstrapAdministrator(admins, "admin", null).ensureExists();
        assertThat(messages()).as("a second start says nothing").hasSize(1);
        assertThat(admins.count()).isEqualTo(1);
    }

    @Test
    void onlyAGeneratedPasswordMustBeChangedAtTheFirstLogin() {
        new BootstrapAdministrator(admins, "admin", null).ensureExists();
        new BootstrapAdministrator(admins, "root", "configured secret 1").ensureExists();

        assertThat(admins.mustChangePassword("admin")).as("generated and printed to the log").isTrue();
        assertThat(messages().get(0)).contains("choose your own");
        assertThat(admins.mustChangePassword("root")).as("chosen by the operator").isFalse();

        // the operator recovers the account through the configuration: their password counts
        new BootstrapAdministrator(admins, "admin", "configured secret 2").ensureExists();
        assertThat(admins.mustChangePassword("admin")).isFalse();
    }

    @Test
    void aConfiguredPasswordIsUsedAndNeverLogged() {
        new BootstrapAdministrator(admins, "root", "configured secret 1").ensureExists();

        assertThat(Passwords.encoder().matches("configured secret 1", admins.passwordHash("root").orElseThrow())).isTrue();
        assertThat(messages()).singleElement().asString().contains("created administrator 'root'")
                .doesNotContain("configured secret 1");
    }

    @Test
    void aChangedConfiguredPasswordReplacesTheStoredOne() {
        new BootstrapAdministrator(admins, "root", "configured secret 1").ensureExists();
        new BootstrapAdministrator(admins, "root", "configured secret 1").ensureExists();
        assertThat(messages()).as("an unchanged password is left alone").hasSize(1);

        new BootstrapAdministrator(admins, "root", "recovered secret 2").ensureExists();

        assertThat(Passwords.encoder().matches("recovered secret 2", admins.passwordHash("root").orElseThrow())).isTrue();
        assertThat(messages()).last().asString().contains("set the password of administrator 'root'")
                .doesNotContain("recovered secret 2");
    }

    @Test
    void anAdministratorCreatedByAnotherProcessMeanwhileIsKept() {
        admins.create("admin", "made elsewhere 1");

        new BootstrapAdministrator(admins, "admin", null).ensureExists();

        assertThat(Passwords.encoder().matches("made elsewhere 1", admins.passwordHash("admin").orElseThrow())).isTrue();
        assertThat(messages()).isEmpty();
    }

    private List<String> messages() {
        return log.messages(BootstrapAdministrator.class.getName());
    }
}

package org.postroom.storage.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.ConflictException;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;

/**
 * App passwords in storage: what the Authenticator accepts over the mail protocols and the web,
 * the app-passwords-only rule of a domain and of a user with the reason each refusal logs, revoking
 * and the note of the last use.
 */
class AppPasswordsTest {

    private static final String ALICE = "alice@example.com";
    private static final String PASSWORD = "alice account password";

    private TestDatabase testDatabase;
    private AppPasswords appPasswords;
    private LoginPolicies policies;
    private Authenticator authenticator;

    @BeforeEach
    void createUser() {
        testDatabase = TestDatabase.create();
        new DomainRepository(testDatabase.database(), "postroom").create("example.com");
        UserRepository users = new UserRepository(testDatabase.database());
        users.create(ALICE, PASSWORD, null);
        users.create("bob@example.com", "bob account password", null);
        appPasswords = new AppPasswords(testDatabase.database());
        policies = new LoginPolicies(testDatabase.database());
        authenticator = new Authenticator(testDatabase.database());
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void anAppPasswordLogsInOverSmtpAndPop3ButNotOnTheWeb() {
        String password = appPasswords.create(ALICE, "Phone").password();

        assertThat(password).matches("[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}");
        assertThat(check(LoginProtocol.POP3, ALICE, password)).isInstanceOf(Verdict.Match.class);
        assertThat(check(LoginProtocol.SMTP, "Alice@Example.com", password)).isInstanceOf(Verdict.Match.class);
        assertThat(check(LoginProtocol.WEB, ALICE, password)).isEqualTo(new Verdict.Mismatch<>("wrong-password"));
        // the account password still works everywhere while nothing requires app passwords
        assertThat(check(LoginProtocol.POP3, ALICE, PASSWORD)).isInstanceOf(Verdict.Match.class);
        assertThat(check(LoginProtocol.WEB, ALICE, PASSWORD)).isInstanceOf(Verdict.Match.class);
    }

    @Test
    void anAppPasswordTypedWithSpacesOrCapitalsIsTheSame() {
        String password = appPasswords.create(ALICE, "Phone").password();

        assertThat(check(LoginProtocol.POP3, ALICE, password.replace('-', ' ').toUpperCase()))
                .isInstanceOf(Verdict.Match.class);
        assertThat(check(LoginProtocol.POP3, ALICE, password.replace("-", ""))).isInstanceOf(Verdict.Match.class);
    }

    @Test
    void anAppPasswordIsOnlyItsOwnUsers() {
        String password = appPasswords.create(ALICE, "Phone").password();

        assertThat(check(LoginProtocol.POP3, "bob@example.com", password)).isEqualTo(new Verdict.Mismatch<>("wrong-password"));
        // another password of the same shape whose first group names alice's row is not it either
        String sameLookup = password.substring(0, 5) + "aaaa-aaaa-aaaa";
        assertThat(check(LoginProtocol.POP3, ALICE, sameLookup)).isEqualTo(new Verdict.Mismatch<>("wrong-password"));
    }

    @Test
    void whenTheDomainRequiresAppPasswordsTheAccountPasswordWorksOnlyOnTheWeb() {
        String password = appPasswords.create(ALICE, "Phone").password();
        policies.setForDomain("example.com", new LoginPolicy(true, false));

        assertThat(check(LoginProtocol.SMTP, ALICE, PASSWORD)).isEqualTo(new Verdict.Mismatch<>("app-password-required"));
        assertThat(check(LoginProtocol.POP3, ALICE, PASSWORD)).isEqualTo(new Verdict.Mismatch<>("app-password-required"));
        assertThat(check(LoginProtocol.WEB, ALICE, PASSWORD)).isInstanceOf(Verdict.Match.class);
        assertThat(check(LoginProtocol.POP3, ALICE, password)).isInstanceOf(Verdict.Match.class);
        // a wrong password is still just wrong: the reason names the rule only for the right account password
        assertThat(check(LoginProtocol.POP3, ALICE, "not the password")).isEqualTo(new Verdict.Mismatch<>("wrong-password"));
        assertThat(policies.ofUser(ALICE).appPasswordsOnlyForMail()).isTrue();
    }

    @Test
    void whenOneUserRequiresAppPasswordsOnlyTheyAreHeldToIt() {
        policies.setAppPasswordsRequired(ALICE, true);

        assertThat(check(LoginProtocol.POP3, ALICE, PASSWORD)).isEqualTo(new Verdict.Mismatch<>("app-password-required"));
        assertThat(check(LoginProtocol.POP3, "bob@example.com", "bob account password")).isInstanceOf(Verdict.Match.class);
        assertThat(policies.ofUser(ALICE)).isEqualTo(new UserLoginPolicy(true, LoginPolicy.DEFAULT));

        policies.setAppPasswordsRequired(ALICE, false);
        assertThat(check(LoginProtocol.POP3, ALICE, PASSWORD)).isInstanceOf(Verdict.Match.class);
    }

    @Test
    void aRevokedAppPasswordNoLongerLogsInEvenWhenItWasRemembered() {
        NewAppPassword phone = appPasswords.create(ALICE, "Phone");
        assertThat(check(LoginProtocol.POP3, ALICE, phone.password())).isInstanceOf(Verdict.Match.class);

        appPasswords.revoke(ALICE, phone.appPassword().id());

        assertThat(check(LoginProtocol.POP3, ALICE, phone.password())).isEqualTo(new Verdict.Mismatch<>("wrong-password"));
        assertThat(appPasswords.list(ALICE)).isEmpty();
    }

    @Test
    void aDisabledUsersAppPasswordIsRefused() {
        String password = appPasswords.create(ALICE, "Phone").password();
        new UserRepository(testDatabase.database()).setEnabled(ALICE, false);

        assertThat(check(LoginProtocol.POP3, ALICE, password)).isEqualTo(new Verdict.Mismatch<>("wrong-password"));
    }

    @Test
    void aLoginNotesWhenAndFromWhereTheAppPasswordWasLastUsed() {
        NewAppPassword phone = appPasswords.create(ALICE, "Phone");
        appPasswords.create(ALICE, "Laptop");
        assertThat(appPasswords.list(ALICE)).extracting(AppPassword::lastUsedAt).containsOnlyNulls();
        Instant before = Instant.now().minusSeconds(5);

        check(LoginProtocol.POP3, ALICE, phone.password(), "2001:db8::7");

        assertThat(appPasswords.list(ALICE)).extracting(AppPassword::name).containsExactly("Phone", "Laptop");
        AppPassword used = appPasswords.list(ALICE).get(0);
        assertThat(used.lastUsedAt()).isAfter(before);
        assertThat(used.lastUsedFrom()).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(appPasswords.list(ALICE).get(1).lastUsedAt()).isNull();

        // another address is noted at once, however recent the last use
        check(LoginProtocol.SMTP, ALICE, phone.password(), "192.0.2.9");
        assertThat(appPasswords.list(ALICE).get(0).lastUsedFrom()).isEqualTo("192.0.2.9");
    }

    @Test
    void namesAreTheUsersOwnAndRevokingSomeoneElsesIsNotFound() {
        NewAppPassword phone = appPasswords.create(ALICE, "  Phone ");
        assertThat(phone.appPassword().name()).isEqualTo("Phone");
        assertThat(phone.toString()).doesNotContain(phone.password());

        assertThatThrownBy(() -> appPasswords.create(ALICE, "Phone")).isInstanceOf(ConflictException.class);
        assertThat(appPasswords.create("bob@example.com", "Phone").appPassword().name()).isEqualTo("Phone");
        assertThatThrownBy(() -> appPasswords.create(ALICE, " ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> appPasswords.create(ALICE, "a\nb")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> appPasswords.create("nobody@example.com", "Phone")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> appPasswords.revoke("bob@example.com", phone.appPassword().id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(appPasswords.list(ALICE)).hasSize(1);
    }

    @Test
    void aUserHasAtMostTwentyAppPasswords() {
        for (int i = 0; i < AppPasswords.MAX_PER_USER; i++) {
            appPasswords.create(ALICE, "client " + i);
        }
        assertThatThrownBy(() -> appPasswords.create(ALICE, "one more")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("at most 20");
    }

    @Test
    void aWrongSecretOfAnyShapeCostsAFullCheck() {
        // one bcrypt check is tens of milliseconds: a refusal that took none would tell the guesser something
        for (String secret : new String[] { "abcd-efgh-ijkm-nopq", "short", PASSWORD + "x" }) {
            long start = System.nanoTime();
            assertThat(check(LoginProtocol.POP3, "nobody@example.com", secret)).isInstanceOf(Verdict.Mismatch.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(5));
        }
    }

    private Verdict<AuthenticatedUser> check(LoginProtocol protocol, String login, String secret) {
        return check(protocol, login, secret, "192.0.2.1");
    }

    private Verdict<AuthenticatedUser> check(LoginProtocol protocol, String login, String secret, String client) {
        try {
            return authenticator.check(new LoginRequest(protocol, InetAddress.getByName(client), login, secret));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(client, e);
        }
    }
}

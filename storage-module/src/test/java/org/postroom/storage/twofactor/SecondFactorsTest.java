package org.postroom.storage.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.directory.Verdict;

/**
 * TOTP second factors and recovery codes in storage: enrolment needs the app's current code, a
 * code is accepted once (also by a second process), the step either side is accepted, recovery
 * codes work once each. The codes are computed here from the secret, as an authenticator app does.
 */
class SecondFactorsTest {

    private static final SecondFactorOwner ALICE = SecondFactorOwner.user("alice@example.com");
    private static final SecondFactorOwner ADMIN = SecondFactorOwner.admin("root");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:10Z"));
    private TestDatabase testDatabase;
    private SecondFactors factors;

    @BeforeEach
    void createAccounts() {
        testDatabase = TestDatabase.create();
        new DomainRepository(testDatabase.database(), "postroom").create("example.com");
        new UserRepository(testDatabase.database()).create("alice@example.com", "alice account password", null);
        new AdminAccountRepository(testDatabase.database()).create("root", "root console password");
        factors = new SecondFactors(testDatabase.database(), clock());
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void enrolmentNeedsTheAppsCurrentCodeAndGivesTenRecoveryCodes() {
        String secret = Totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThatThrownBy(() -> factors.enrol(ALICE, secret, "000000".equals(code(secret)) ? "111111" : "000000"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(factors.isEnrolled(ALICE)).isFalse();

        List<String> recovery = factors.enrol(ALICE, secret, code(secret));

        assertThat(recovery).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(factors.isEnrolled(ALICE)).isTrue();
        assertThat(factors.isEnrolled(ADMIN)).isFalse();
        assertThat(factors.recoveryCodesLeft(ALICE)).isEqualTo(10);
    }

    @Test
    void theEnrolmentCodeCannotBeUsedAgainToSignIn() {
        String secret = Totp.newSecret();
        String code = code(secret);
        factors.enrol(ALICE, secret, code);

        assertThat(factors.check(ALICE, code)).isEqualTo(new Verdict.Mismatch<>("code-replayed"));
    }

    @Test
    void aCodeIsAcceptedOnceAndNeverAgainByAnyProcess() {
        String secret = enrol(ADMIN);
        now.set(now.get().plusSeconds(30));
        String code = code(secret);

        assertThat(factors.check(ADMIN, code)).isEqualTo(new Verdict.Match<>(ADMIN));
        assertThat(factors.check(ADMIN, code)).isEqualTo(new Verdict.Mismatch<>("code-replayed"));
        // a second process on the same database knows it too
        assertThat(new SecondFactors(testDatabase.database(), clock()).check(ADMIN, code))
                .isEqualTo(new Verdict.Mismatch<>("code-replayed"));
        // the next step's code is good
        now.set(now.get().plusSeconds(30));
        assertThat(factors.check(ADMIN, code(secret))).isEqualTo(new Verdict.Match<>(ADMIN));
    }

    @Test
    void theStepsEitherSideAreAcceptedAndNothingFurther() {
        String secret = enrol(ALICE);
        long step = Totp.step(now.get().plusSeconds(300));
        now.set(now.get().plusSeconds(300));

        assertThat(factors.check(ALICE, Totp.code(secret, step - 2))).isEqualTo(new Verdict.Mismatch<>("wrong-code"));
        assertThat(factors.check(ALICE, Totp.code(secret, step + 2))).isEqualTo(new Verdict.Mismatch<>("wrong-code"));
        assertThat(factors.check(ALICE, Totp.code(secret, step - 1))).isEqualTo(new Verdict.Match<>(ALICE));
        assertThat(factors.check(ALICE, Totp.code(secret, step + 1))).isEqualTo(new Verdict.Match<>(ALICE));
        // once a later step was used, an earlier one is a replay too
        assertThat(factors.check(ALICE, Totp.code(secret, step))).isEqualTo(new Verdict.Mismatch<>("code-replayed"));
    }

    @Test
    void aRecoveryCodeWorksOnceInAnySpelling() {
        String secret = Totp.newSecret();
        List<String> recovery = factors.enrol(ALICE, secret, code(secret));

        assertThat(factors.check(ALICE, recovery.get(3).toUpperCase().replace("-", " "))).isEqualTo(new Verdict.Match<>(ALICE));
        assertThat(factors.check(ALICE, recovery.get(3))).isEqualTo(new Verdict.Mismatch<>("wrong-recovery-code"));
        assertThat(factors.check(ALICE, "aaaaa-bbbbb")).isEqualTo(new Verdict.Mismatch<>("wrong-recovery-code"));
        assertThat(factors.check(ADMIN, recovery.get(4))).isEqualTo(new Verdict.Mismatch<>("wrong-recovery-code"));
        assertThat(factors.recoveryCodesLeft(ALICE)).isEqualTo(9);
    }

    @Test
    void renewingRecoveryCodesVoidsTheOldOnesAndRemovingEndsTheSecondFactor() {
        String secret = Totp.newSecret();
        List<String> first = factors.enrol(ALICE, secret, code(secret));
        List<String> second = factors.renewRecoveryCodes(ALICE);

        assertThat(factors.check(ALICE, first.get(0))).isInstanceOf(Verdict.Mismatch.class);
        assertThat(factors.check(ALICE, second.get(0))).isInstanceOf(Verdict.Match.class);

        factors.remove(ALICE);
        assertThat(factors.isEnrolled(ALICE)).isFalse();
        assertThat(factors.check(ALICE, second.get(1))).isInstanceOf(Verdict.Mismatch.class);
        now.set(now.get().plusSeconds(60));
        assertThat(factors.check(ALICE, code(secret))).isEqualTo(new Verdict.Mismatch<>("no-second-factor"));
        assertThatThrownBy(() -> factors.renewRecoveryCodes(ALICE)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void enrollingAnUnknownAccountIsNotFound() {
        String secret = Totp.newSecret();
        assertThatThrownBy(() -> factors.enrol(SecondFactorOwner.user("nobody@example.com"), secret, code(secret)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> factors.enrol(SecondFactorOwner.admin("nobody"), secret, code(secret)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theSecondFactorLeavesWithItsUser() {
        enrol(ALICE);
        new UserRepository(testDatabase.database()).delete("alice@example.com");
        assertThat(factors.isEnrolled(ALICE)).isFalse();
    }

    private String enrol(SecondFactorOwner owner) {
        String secret = Totp.newSecret();
        factors.enrol(owner, secret, code(secret));
        return secret;
    }

    /** What the app shows now. */
    private String code(String secret) {
        return Totp.code(secret, Totp.step(now.get()));
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }
}

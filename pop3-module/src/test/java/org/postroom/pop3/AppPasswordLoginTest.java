package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.pop3.Pop3Fixture.ALICE;
import static org.postroom.pop3.Pop3Fixture.PASSWORD;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.net.ssl.SSLContext;

import org.apache.commons.net.pop3.POP3Reply;
import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.pop3.Pop3Fixture.Settings;
import org.postroom.storage.directory.AppPassword;
import org.postroom.storage.directory.AppPasswords;
import org.postroom.storage.directory.LoginAttempts;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.LoginPolicy;
import org.postroom.storage.directory.NewAppPassword;
import org.postroom.testing.LogCapture;

/**
 * App passwords over POP3S with a real client (Apache Commons Net), through USER/PASS and AUTH
 * PLAIN alike: they log in, note their use, stop working when revoked; when the domain requires
 * them the account password gets the usual -ERR [AUTH] and the log names the reason.
 */
class AppPasswordLoginTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();
    @AutoClose
    private final Pop3Fixture fixture = new Pop3Fixture();
    private final Pop3Process server = fixture.start(Settings.defaults().plaintextRefused());
    private final SSLContext tls = fixture.clientTls();
    private final AppPasswords appPasswords = new AppPasswords(fixture.database.database());
    private final LoginPolicies policies = new LoginPolicies(fixture.database.database());

    @Test
    void anAppPasswordLogsInOverPop3sWithPassAndWithAuthPlainAndItsUseIsNoted() throws Exception {
        NewAppPassword phone = appPasswords.create(ALICE, "Phone");
        fixture.deliver(ALICE, "Subject: hello\r\n\r\nbody\r\n");
        Instant before = Instant.now().minusSeconds(5);

        POP3SClient pass = connect();
        assertThat(pass.login(ALICE, phone.password())).isTrue();
        assertThat(pass.status().number).isEqualTo(1);
        pass.logout();
        pass.disconnect();

        POP3SClient plain = connect();
        // AUTH PLAIN with an initial response (RFC 5034): authzid NUL authcid NUL password
        String response = Base64.getEncoder().encodeToString(("\0" + ALICE + "\0" + phone.password())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(plain.sendCommand("AUTH", "PLAIN " + response)).isEqualTo(POP3Reply.OK);
        plain.logout();
        plain.disconnect();

        AppPassword used = appPasswords.list(ALICE).get(0);
        assertThat(used.lastUsedAt()).isAfter(before);
        assertThat(used.lastUsedFrom()).isEqualTo("127.0.0.1");
    }

    @Test
    void whenTheDomainRequiresAppPasswordsTheAccountPasswordIsRefusedLikeAWrongOne() throws Exception {
        NewAppPassword phone = appPasswords.create(ALICE, "Phone");
        policies.setForDomain("example.com", new LoginPolicy(true, false));

        POP3SClient client = connect();
        assertThat(client.login(ALICE, PASSWORD)).isFalse();
        String refusal = client.getReplyString();
        assertThat(client.login(ALICE, "a wrong password")).isFalse();
        // the client cannot tell the rule from a wrong password
        assertThat(refusal).startsWith("-ERR [AUTH]").isEqualTo(client.getReplyString());
        assertThat(client.login(ALICE, phone.password())).isTrue();
        client.logout();
        client.disconnect();

        assertThat(log.messages(LoginAttempts.class.getName()))
                .anyMatch(line -> line.equals("pop3 login refused for " + ALICE + " from 127.0.0.1: app-password-required"))
                .anyMatch(line -> line.equals("pop3 login refused for " + ALICE + " from 127.0.0.1: wrong-password"));
    }

    @Test
    void aRevokedAppPasswordIsRefused() throws Exception {
        NewAppPassword phone = appPasswords.create(ALICE, "Phone");
        POP3SClient before = connect();
        assertThat(before.login(ALICE, phone.password())).isTrue();
        before.logout();
        before.disconnect();

        appPasswords.revoke(ALICE, phone.appPassword().id());

        POP3SClient after = connect();
        assertThat(after.login(ALICE, phone.password())).isFalse();
        assertThat(after.getReplyString()).startsWith("-ERR [AUTH]");
        after.disconnect();
    }

    private POP3SClient connect() throws Exception {
        POP3SClient client = new POP3SClient(true, tls);
        client.setDefaultTimeout(20_000);
        client.connect("127.0.0.1", server.tlsPort());
        return client;
    }
}

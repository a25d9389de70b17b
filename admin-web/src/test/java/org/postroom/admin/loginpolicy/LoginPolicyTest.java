package org.postroom.admin.loginpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.LoginPolicy;
import org.postroom.storage.directory.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Login policies of domains and users through the API and the console's forms over real HTTP, and
 * the account password still opening the account page when the mail protocols require app
 * passwords.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LoginPolicyTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String PASSWORD = "user account password";

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    LoginPolicies policies;

    private String domain;
    private String user;

    @BeforeEach
    void createDomainAndUser() {
        domain = "rules" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        user = "carol@" + domain;
        users.create(user, PASSWORD, null);
    }

    @Test
    void theApiReadsAndSetsADomainsPolicy() {
        WebVisitor admin = admin();
        String path = "/api/v1/domains/" + domain + "/login-policy";

        assertThat(json(admin.get(path)).get("appPasswordsRequired").asBoolean()).isFalse();
        HttpResponse<String> set = admin.putJson(path, "{\"appPasswordsRequired\":true,\"twoFactorRequired\":true}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(policies.ofDomain(domain)).isEqualTo(new LoginPolicy(true, true));
        assertThat(json(admin.get("/api/v1/users/" + user + "/login-policy")).toString())
                .isEqualTo("{\"appPasswordsRequired\":false,\"domainRequiresAppPasswords\":true,\"twoFactorRequired\":true}");
        assertThat(admin.get("/api/v1/domains/nowhere.example/login-policy").statusCode()).isEqualTo(404);
        assertThat(admin.putJson(path, "").statusCode()).isEqualTo(400);
    }

    @Test
    void theApiSetsAUsersOwnRule() {
        WebVisitor admin = admin();
        String path = "/api/v1/users/" + user + "/login-policy";

        HttpResponse<String> set = admin.putJson(path, "{\"appPasswordsRequired\":true}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).get("appPasswordsRequired").asBoolean()).isTrue();
        assertThat(policies.ofUser(user).appPasswordsOnlyForMail()).isTrue();
        assertThat(policies.ofDomain(domain)).isEqualTo(LoginPolicy.DEFAULT);
        assertThat(admin.putJson("/api/v1/users/nobody@" + domain + "/login-policy", "{\"appPasswordsRequired\":true}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void theDomainAndUserPagesSetThePolicies() {
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        HttpResponse<String> domainAnswer = browser.submitForm("/domains/" + domain,
                "/domains/" + domain + "/login-policy", "appPasswordsRequired", "true");
        assertThat(browser.redirectedPage(domainAnswer)).contains("Users of " + domain
                + " sign in to mail with app passwords only.");
        assertThat(policies.ofDomain(domain)).isEqualTo(new LoginPolicy(true, false));

        HttpResponse<String> userAnswer = browser.submitForm("/users/" + user, "/users/" + user + "/login-policy",
                "appPasswordsRequired", "true");
        assertThat(browser.redirectedPage(userAnswer)).contains(user + " signs in to mail with app passwords only now.")
                .contains("The domain requires app passwords for mail programs.");
        assertThat(policies.ofUser(user).appPasswordsRequired()).isTrue();
    }

    @Test
    void theAccountPasswordStillOpensTheAccountPageWhenMailNeedsAppPasswords() {
        policies.setForDomain(domain, new LoginPolicy(true, false));
        WebVisitor browser = WebVisitor.anonymous(port);

        HttpResponse<String> login = browser.logInToAccount(user, PASSWORD);

        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/account"));
        assertThat(browser.get("/account").body()).contains("the password you signed in here with does not work for mail");
    }

    private WebVisitor admin() {
        return WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
    }
}

package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The password Postroom generates for the first administrator is printed to a log that more people
 * read than the administrator: it opens nothing but the page where they choose their own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PasswordChangeRequiredTest {

    private static final String GENERATED = "gEnErAtEd2345abcdXYZ";
    private static final String CHOSEN = "my own console phrase";

    @LocalServerPort
    int port;
    @Autowired
    AdminAccountRepository admins;
    @Autowired
    DomainRepository domains;

    @Test
    void theConsoleShowsOnlyTheChangePasswordPageUntilTheAdministratorChoseTheirOwn() {
        admins.createWithGeneratedPassword("first", GENERATED);
        WebVisitor browser = WebVisitor.anonymous(port);

        browser.logInToConsole("first", GENERATED);

        for (String page : List.of("/", "/domains", "/users/new", "/settings")) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/password"));
        }
        HttpResponse<String> forged = browser.submitForm("/password", "/domains", "name", "early.example");
        assertThat(forged.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/password"));
        assertThat(domains.find("early.example")).isEmpty();
        assertThat(browser.get("/password").body()).contains("Choose your password")
                .contains("the password Postroom generated");

        HttpResponse<String> changed = browser.submitForm("/password", "/password", "currentPassword", GENERATED,
                "newPassword", CHOSEN, "repeatPassword", CHOSEN);

        assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        HttpResponse<String> dashboard = browser.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<h1>Dashboard</h1>").contains("Your password was changed.");
        assertThat(admins.mustChangePassword("first")).isFalse();
    }

    @Test
    void theApiRefusesTheGeneratedPasswordWith403UntilItWasChanged() {
        admins.createWithGeneratedPassword("scripted", GENERATED);

        HttpResponse<String> refused = WebVisitor.basic(port, "scripted", GENERATED).get("/api/v1/domains");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(WebVisitor.json(refused).get("detail").asString()).contains("must be changed first");
        assertThat(WebVisitor.basic(port, "scripted", "not the password").get("/api/v1/domains").statusCode())
                .as("a wrong password is still a 401").isEqualTo(401);

        admins.changePassword("scripted", CHOSEN);

        assertThat(WebVisitor.basic(port, "scripted", CHOSEN).get("/api/v1/domains").statusCode()).isEqualTo(200);
    }

    @Test
    void theNewPasswordMustBeRightRepeatedAndNew() {
        admins.createWithGeneratedPassword("careful", GENERATED);
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole("careful", GENERATED);

        for (String[] attempt : List.of(new String[] { "not the password", CHOSEN, CHOSEN, "current password is not right" },
                new String[] { GENERATED, CHOSEN, CHOSEN + "!", "differ" },
                new String[] { GENERATED, GENERATED, GENERATED, "not the one you have" })) {
            HttpResponse<String> refused = browser.submitForm("/password", "/password", "currentPassword", attempt[0],
                    "newPassword", attempt[1], "repeatPassword", attempt[2]);
            assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/password"));
            assertThat(browser.get("/password").body()).as(attempt[3]).contains(attempt[3]);
        }
        assertThat(admins.mustChangePassword("careful")).isTrue();
        assertThat(browser.get("/domains").statusCode()).isEqualTo(302);
    }

    @Test
    void anAdministratorWhosePasswordTheOperatorChoseIsNotSentThere() {
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        assertThat(browser.get("/domains").statusCode()).isEqualTo(200);
        assertThat(browser.get("/password").body()).contains("Choose your password").contains("Back to the console");
    }
}

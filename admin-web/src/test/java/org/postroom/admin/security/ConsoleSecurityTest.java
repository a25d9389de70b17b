package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's and the account page's logins, cookies, CSRF protection and headers, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsoleSecurityTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    AdminAccountRepository admins;
    @Autowired
    DataSource dataSource;

    private WebVisitor browser;

    @BeforeEach
    void newBrowser() {
        browser = WebVisitor.anonymous(port);
    }

    @Test
    void consolePagesNeedAnAdministratorLogin() {
        for (String page : List.of("/", "/domains", "/users", "/aliases", "/queue", "/quarantine", "/settings",
                "/users/new")) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        HttpResponse<String> login = browser.get("/login");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue(SecurityChains.CONTENT_SECURITY_POLICY);
        assertThat(SecurityChains.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(browser.get("/account/login").headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSite() {
        HttpResponse<String> login = browser.get("/login");

        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void anAdministratorLogsInAndUsesTheConsole() {
        HttpResponse<String> loggedIn = browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax"));
        HttpResponse<String> dashboard = browser.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<h1>Dashboard</h1>").contains("Signed in as");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        HttpResponse<String> forged = browser.post("/domains", "application/x-www-form-urlencoded", "name=forged.example");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(domains.find("forged.example")).isEmpty();
        HttpResponse<String> genuine = browser.submitForm("/domains", "/domains", "name", "genuine.example");
        assertThat(genuine.statusCode()).isEqualTo(302);
        assertThat(domains.find("genuine.example")).isPresent();
    }

    @Test
    void aLoginWithoutCsrfTokenIsRefused() {
        browser.get("/login");

        HttpResponse<String> forged = browser.post("/login", "application/x-www-form-urlencoded",
                "username=admin&password=" + WebVisitor.encode(AdminTestApplication.ADMIN_PASSWORD));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordOrAMailUserCannotLogInToTheConsole() {
        domains.create("consolesecurity.example");
        users.create("mallory@consolesecurity.example", PASSWORD, null);

        HttpResponse<String> wrong = browser.logInToConsole(AdminTestApplication.ADMIN, "not the password");
        HttpResponse<String> mailUser = browser.logInToConsole("mallory@consolesecurity.example", PASSWORD);

        assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?failed"));
        assertThat(mailUser.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?failed"));
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void anAdministratorWhoseHashIsNotBcryptNeverLogsIn() {
        admins.create("legacy", PASSWORD);
        // written by hand or another tool: a password in clear is not trusted, even the right one
        JdbcClient.create(dataSource).sql("update admin_account set password_hash = ? where username = 'legacy'")
                .param("{noop}" + PASSWORD).update();

        HttpResponse<String> refused = browser.logInToConsole("legacy", PASSWORD);

        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?failed"));
        assertThat(WebVisitor.basic(port, "legacy", PASSWORD).get("/api/v1/domains").statusCode()).isEqualTo(401);
    }

    @Test
    void aMailUserLogsInToTheirAccountPageOnly() {
        domains.create("accountsecurity.example");
        users.create("alice@accountsecurity.example", PASSWORD, null);
        assertThat(browser.get("/account").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/account/login"));

        HttpResponse<String> loggedIn = browser.submitForm("/account/login", "/account/login",
                "address", "Alice@accountsecurity.example", "password", PASSWORD);

        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
        assertThat(browser.get("/account").body()).contains("alice@accountsecurity.example");
        assertThat(browser.get("/domains").statusCode()).as("the console still wants an administrator").isEqualTo(302);
    }

    @Test
    void anAdministratorsLoginDoesNotOpenTheAccountPage() {
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        assertThat(browser.get("/account").statusCode()).isEqualTo(302);
        HttpResponse<String> asAdmin = browser.submitForm("/account/login", "/account/login", "address",
                AdminTestApplication.ADMIN, "password", AdminTestApplication.ADMIN_PASSWORD);
        assertThat(asAdmin.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?failed"));
    }

    @Test
    void publicDocumentsNeedNoLogin() {
        assertThat(browser.get("/assets/console.css").statusCode()).isEqualTo(200);
        assertThat(browser.get("/assets/console.js").statusCode()).isEqualTo(200);
        assertThat(browser.get("/v3/api-docs").statusCode()).isEqualTo(200);
        HttpResponse<String> swagger = browser.get("/swagger-ui/index.html");
        assertThat(swagger.statusCode()).isEqualTo(200);
        assertThat(swagger.headers().firstValue("Content-Security-Policy")).hasValue(SecurityChains.API_DESCRIPTION_POLICY);
        assertThat(SecurityChains.API_DESCRIPTION_POLICY).contains("script-src 'self';", "frame-ancestors 'none'");
    }
}

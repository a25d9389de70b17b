package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postroom.admin.AdminTestApplication;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.beans.factory.annotation.Autowired;

import com.sun.net.httpserver.HttpServer;

/**
 * Cross-site request forgery against the API in a real chromium: the administrator's browser has
 * the API's HTTP Basic credentials cached, then visits a page of another site (served here on
 * {@code localhost}, a different site from {@code 127.0.0.1}) that submits a form to the API.
 * The browser attaches the cached credentials; the API must still refuse.
 */
class CrossSiteBrowserIT extends BrowserSession {

    @Autowired
    MailStore store;
    @Autowired
    DeliveryQueue queue;

    private HttpServer otherSite;
    private long entry;

    @BeforeAll
    void startAnotherSiteWithAForgingPage() throws IOException {
        entry = DeferredDelivery.queue(store, queue, "victim@far.example");
        byte[] page = ("<!DOCTYPE html><title>Win a prize</title>"
                + "<form method=post action='http://127.0.0.1:" + port + "/api/v1/queue/" + entry + "/retry'></form>"
                + "<script>document.forms[0].submit()</script>").getBytes(StandardCharsets.UTF_8);
        otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherSite.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
    }

    @AfterAll
    void stopTheOtherSite() {
        otherSite.stop(0);
    }

    @Test
    @Order(1)
    void theBrowserHasTheApisCredentialsCached() {
        String credentials = AdminTestApplication.ADMIN + ":" + AdminTestApplication.ADMIN_PASSWORD.replace(" ", "%20");
        browser.driver().get("http://" + credentials + "@127.0.0.1:" + port + "/api/v1/queue/" + entry);

        assertThat(browser.await(By.tagName("body")).getText()).contains("\"recipient\":\"victim@far.example\"");
    }

    @Test
    @Order(2)
    void aFormThatAnotherSitePostsToTheApiIsRefused() {
        browser.driver().get("http://localhost:" + otherSite.getAddress().getPort() + "/");

        // the browser follows the form: the API's answer is the page it lands on
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl()
                .contains("/retry") || queue.find(entry).orElseThrow().nextAttemptAt().isBefore(Instant.now()));
        assertThat(queue.find(entry).orElseThrow().nextAttemptAt()).as("the retry was not forced")
                .isAfter(Instant.now().plus(Duration.ofMinutes(20)));
        assertThat(browser.find(By.tagName("body")).getText()).contains("a page of another site sent this request");
    }
}

package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.FixedServerSettings;
import org.postroom.admin.FixedZone;
import org.postroom.admin.domain.DnsWatch;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MtaStsMode;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An administrator in a real chromium sees on the dashboard that a domain lacks DNS records (as
 * the background check found), follows the link to the domain's page, which says of each record
 * whether DNS has it, and what DNS has instead, and turns the domain's MTA-STS policy on, after which
 * the page lists the policy's records.
 */
class DnsBrowserIT extends BrowserSession {

    private static final String DOMAIN = "dns-browser.example";

    @Autowired
    DomainRepository domains;
    @Autowired
    FixedZone zone;
    @Autowired
    DnsWatch watch;

    @BeforeAll
    void logIn() {
        browser.open("/login");
        browser.type("username", AdminTestApplication.ADMIN);
        browser.find(By.id("password")).sendKeys(AdminTestApplication.ADMIN_PASSWORD, Keys.ENTER);
        browser.awaitText(By.tagName("h1"), "Dashboard");
    }

    @AfterAll
    void removeDomain() {
        if (domains.find(DOMAIN).isPresent()) {
            domains.delete(DOMAIN, true);
        }
        zone.clear();
    }

    @Test
    @Order(1)
    void theDashboardNamesTheDomainThatLacksRecordsAndItsPageSaysWhichOnes() {
        domains.create(DOMAIN);
        zone.publish("MX", DOMAIN, "10 " + FixedServerSettings.HOSTNAME + ".");
        zone.publish("TXT", DOMAIN, "v=spf1 include:_spf.provider.example -all", "site-verification=1234");
        watch.refresh();

        browser.open("/");
        WebElement warning = browser.await(By.id("dns-missing"));
        assertThat(warning.getText()).contains(DOMAIN).contains("TXT _dmarc." + DOMAIN)
                .doesNotContain("MX " + DOMAIN);
        browser.screenshot("60-dashboard-dns-missing", Browser.DESKTOP);

        browser.clickToNextPage(By.linkText(DOMAIN));
        browser.awaitText(By.tagName("h1"), DOMAIN);
        assertThat(state(DOMAIN, "MX")).startsWith("Published");
        assertThat(state(DOMAIN, "TXT")).startsWith("Different").contains("v=spf1 include:_spf.provider.example -all")
                .doesNotContain("site-verification");
        assertThat(state("_dmarc." + DOMAIN, "TXT")).startsWith("Missing");
        browser.screenshot("61-domain-dns-check", Browser.DESKTOP);
        browser.screenshot("62-domain-dns-check-phone", Browser.PHONE);
    }

    @Test
    @Order(2)
    void turningMtaStsOnListsThePolicysRecords() {
        browser.open("/domains/" + DOMAIN);
        assertThat(browser.driver().findElements(By.xpath(row("_mta-sts." + DOMAIN, "TXT")))).isEmpty();

        new Select(browser.find(By.id("mtaStsMode"))).selectByValue("enforce");
        browser.clickToNextPage(By.cssSelector("#mta-sts button[type=submit]"));

        assertThat(browser.flash()).contains(DOMAIN + " publishes an MTA-STS policy in enforce mode now");
        assertThat(new Select(browser.find(By.id("mtaStsMode"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("enforce");
        assertThat(domains.find(DOMAIN).orElseThrow().mtaSts()).isEqualTo(MtaStsMode.ENFORCE);
        assertThat(state("_mta-sts." + DOMAIN, "TXT")).startsWith("Missing");
        assertThat(browser.find(By.xpath(row("_mta-sts." + DOMAIN, "TXT"))).getText()).contains("v=STSv1; id=");
        assertThat(browser.find(By.xpath(row("mta-sts." + DOMAIN, "CNAME"))).getText())
                .contains(FixedServerSettings.HOSTNAME + ".");
        browser.screenshot("63-domain-mta-sts", Browser.DESKTOP);
    }

    /** The text of the "In DNS" cell of the record {@code type} at {@code name}. */
    private String state(String name, String type) {
        return browser.find(By.xpath(row(name, type) + "/td[contains(@class,'record-state')]")).getText();
    }

    private static String row(String name, String type) {
        return "//tr[td/span[@class='type-tag' and text()='" + type + "'] and td/code[text()='" + name + "']]";
    }
}

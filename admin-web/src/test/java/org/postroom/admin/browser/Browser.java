package org.postroom.admin.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium driven by Debian's chromedriver (Selenium Manager never runs), with a
 * fresh profile under target/ that is removed on close, and full-page screenshots into
 * target/screenshots.
 */
public final class Browser implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    public static Browser start(int port) throws IOException {
        Path profile = Files.createDirectories(Path.of("target", "chromium-profile-" + UUID.randomUUID()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserAvailable.chromedriver().toFile()).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserAvailable.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new Browser(new ChromeDriver(service, options), profile, "http://127.0.0.1:" + port);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    /**
     * Clicks what submits a form or follows a link, and waits (at most ten seconds) until the next
     * page has replaced this one, so that what is read next (a flash) is the next page's.
     */
    public void clickToNextPage(By by) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(by).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
    }

    /** Waits (never sleeps) until an element shows, at most ten seconds. */
    public WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    public void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** The flash message shown after an action (success or refusal). */
    public String flash() {
        return await(By.cssSelector(".flash")).getText();
    }

    /** The console messages chromium logged since the last call (CSP violations show up here). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** A screenshot of the whole page (the window grown to the page's height) at the given width. */
    public void screenshot(String name, Dimension size) {
        driver.manage().window().setSize(size);
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(size.width, (int) Math.max(size.height, height)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(DESKTOP);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

package io.tollway.ear.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real headless Chromium on the test server's console, for the console's browser tests. It
 * uses the Debian packages {@code chromium} and {@code chromium-driver} (installed by
 * {@code .ci/run}) at their fixed paths, or {@code tollway.chromium} and {@code tollway.chromedriver}
 * when set, so Selenium Manager never runs (it would try to download a driver, and the test
 * machines have no network). Each browser has a fresh profile directory, removed on close.
 *
 * <pre>
 * try (ConsoleBrowser browser = ConsoleBrowser.start()) {
 *     browser.signIn(ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);
 *     browser.open("/console/agreements.xhtml");
 *     assertThat(browser.text(By.id("..."))).contains("...");
 *     browser.screenshot("agreements");   // target/screenshots/agreements.png
 * }
 * </pre>
 */
public final class ConsoleBrowser implements AutoCloseable {

    /** The demo console users (DemoConsoleUsers); the test servers create them. */
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "tollway-admin-password";
    public static final String APPROVER = "approver";
    public static final String APPROVER_PASSWORD = "tollway-approver-password";

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private ConsoleBrowser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A browser on the test server (TestEnvironment). */
    public static ConsoleBrowser start() {
        return start(TestEnvironment.baseUrl());
    }

    public static ConsoleBrowser start(String baseUrl) {
        Path profile;
        try {
            profile = Files.createTempDirectory("tollway-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("tollway.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("tollway.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().window().setSize(new Dimension(1400, 1000));
            return new ConsoleBrowser(driver, profile, baseUrl);
        } catch (RuntimeException e) {
            deleteProfile(profile);
            throw e;
        }
    }

    /** Opens a page of the server, e.g. {@code /console/tasks.xhtml}. */
    public ConsoleBrowser open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in through the sign-in page and waits until the console shows the user as signed in. */
    public ConsoleBrowser signIn(String user, String password) {
        open("/console/login.xhtml");
        fillSignIn(user, password);
        await(ExpectedConditions.presenceOfElementLocated(By.id("signedInAs")));
        return this;
    }

    /** Fills in and sends the sign-in form on the page shown now (the sign-in page). */
    public void fillSignIn(String user, String password) {
        WebElement name = driver.findElement(By.id("signIn:username"));
        name.clear();
        name.sendKeys(user);
        driver.findElement(By.id("signIn:password")).sendKeys(password);
        click(By.id("signIn:signInButton"));
    }

    /** Signs out with the header's button and waits for the sign-in page. */
    public ConsoleBrowser signOut() {
        click(By.id("signOut:signOutButton"));
        await(ExpectedConditions.presenceOfElementLocated(By.id("signIn")));
        return this;
    }

    /** Clicks and waits until the browser has left the page it was on (the form's answer is there). */
    public void click(By by) {
        click(driver.findElement(by));
    }

    public void click(WebElement element) {
        WebElement html = driver.findElement(By.tagName("html"));
        element.click();
        await(pageLeft(html));
    }

    /**
     * The browser has left the page whose {@code html} element this is. Selenium's
     * {@code stalenessOf} waits for a stale element only; asked about an element of a page being
     * replaced, chromedriver sometimes answers "Node with given id does not belong to the document"
     * instead (an unknown error), which means the same: the page is gone.
     */
    public static ExpectedCondition<Boolean> pageLeft(WebElement html) {
        return driver -> {
            try {
                html.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** The visible text of the element, waiting for it to be there. */
    public String text(By by) {
        return await(ExpectedConditions.presenceOfElementLocated(by)).getText();
    }

    /** All the visible text of the page. */
    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String title() {
        return driver.getTitle();
    }

    public String currentPath() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** The session cookie's value, or null without a session. */
    public String sessionId() {
        Cookie cookie = driver.manage().getCookieNamed("JSESSIONID");
        return cookie == null ? null : cookie.getValue();
    }

    /** Runs a script in the page (the test's own; the page's content security policy does not apply to it). */
    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Opens the page again until the condition holds (for what the server does in the background). */
    public void reloadUntil(String path, ExpectedCondition<?> condition) {
        new WebDriverWait(driver, WAIT).pollingEvery(Duration.ofMillis(500)).until(d -> {
            open(path);
            try {
                Object result = condition.apply(d);
                return result != null && !Boolean.FALSE.equals(result) ? Boolean.TRUE : null;
            } catch (RuntimeException notYet) {
                return null;
            }
        });
    }

    /** Saves a PNG of the window as {@code <tollway.it.screenshots>/<name>.png} (target/screenshots) and returns its path. */
    public Path screenshot(String name) {
        Path directory = Path.of(System.getProperty("tollway.it.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile(profile);
        }
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete the browser profile " + profile + ": " + e);
        }
    }
}

package dev.z4j.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium, with a fresh
 * profile. Both binaries are named explicitly, so Selenium Manager never runs and nothing is downloaded. One per
 * test class: starting Chromium costs about a second; a test class shares one and signs in and out.
 */
public final class Chromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String origin;
    private final Path profile;
    private final ChromeDriverService service;
    public final ChromeDriver driver;

    /** @param origin the brain's base URL, such as {@code http://localhost:7811} */
    public Chromium(String origin) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the dashboard's browser tests need Debian's Chromium: "
                    + "apt-get install -y chromium chromium-driver");
        }
        this.origin = origin;
        try {
            this.profile = Files.createTempDirectory("z4j-chromium-");
            forgetOldFailures();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    /** Opens a path of the brain (or a full URL). */
    public Chromium open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl);
        return this;
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(origin) ? url.substring(origin.length()) : url;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean has(String css) {
        return !all(css).isEmpty();
    }

    public String text(String css) {
        return find(css).getText();
    }

    /** The visible text of the page's main area. */
    public String main() {
        return text("main");
    }

    public Chromium type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public Chromium click(String css) {
        find(css).click();
        return this;
    }

    /**
     * Clicks a button that loads a new document (a form post, a link) and waits until it has replaced this one: the
     * old document carries a marker that the new one does not. While the documents change places Chromium may answer
     * a query with an error of either document; such an answer only means "not yet".
     */
    public Chromium submit(String css) {
        script("window.z4jLeaving = true;");
        find(css).click();
        return await("the next page after clicking " + css, () -> {
            try {
                return Boolean.TRUE.equals(script(
                        "return window.z4jLeaving !== true && document.readyState !== 'loading';"));
            } catch (WebDriverException changing) {
                return false;
            }
        });
    }

    /** Clicks a button or link by its visible text inside {@code scopeCss}. */
    public Chromium clickText(String scopeCss, String text) {
        find(scopeCss).findElements(By.xpath(".//button|.//a|.//summary")).stream()
                .filter(e -> e.getText().strip().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + text + "' in " + scopeCss + " on " + path()))
                .click();
        return this;
    }

    /** Waits until the condition holds (a page load, an htmx swap, a pushed update). */
    public Chromium await(String what, BooleanSupplier condition) {
        Z4jProcess.await(what + " (on " + path() + ")", WAIT, condition);
        return this;
    }

    public Object script(String javaScript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javaScript, arguments);
    }

    /**
     * Sends a form post from this page's session, as a hand-crafted request would (a control the page did not
     * render): returns the HTTP status.
     */
    public long postForm(String path, Map<String, String> fields) {
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {method: 'POST', body: new URLSearchParams(arguments[1]),"
                        + " redirect: 'manual'}).then(r => done(r.status)).catch(e => done(-1));",
                path, fields);
        return ((Number) status).longValue();
    }

    /** The CSRF token the page's forms carry. */
    public String csrfToken() {
        return find("input[name=_csrf]").getDomAttribute("value");
    }

    /** Forgets every cookie of the brain's origin (a new visitor). */
    public void signOutByForgetting() {
        driver.manage().deleteAllCookies();
    }

    public Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    /** Turns scripts off or on for the pages opened next (a browser with JavaScript disabled). */
    public void scripts(boolean enabled) {
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
    }

    /** What a script of the page copied to the clipboard (clipboard access granted to the brain's origin). */
    public String clipboard() {
        allowClipboard();
        return (String) script("return navigator.clipboard.readText();");
    }

    /** Lets the page's scripts write to the clipboard (Chromium asks for permission otherwise). */
    public void allowClipboard() {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** Emulates the operating system's dark or light preference for {@code prefers-color-scheme}. */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Saves a full-window screenshot as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After a failed test: the screenshot and the HTML of the page it was on, as {@code failed-<name>.*}. */
    public void keepEvidence(String name) {
        try {
            screenshot("failed-" + name);
            Files.writeString(SCREENSHOTS.resolve("failed-" + name + ".html"), path() + "\n" + driver.getPageSource());
        } catch (RuntimeException | IOException e) {
            // evidence is best effort; the test's own failure is what matters
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private static void forgetOldFailures() throws IOException {
        if (Files.isDirectory(SCREENSHOTS)) {
            try (Stream<Path> files = Files.list(SCREENSHOTS)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("failed-")).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}

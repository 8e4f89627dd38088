package org.onus.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), driven
 * through its own chromedriver: both paths are given, so Selenium never looks for, or downloads,
 * a browser or a driver of its own. Without the packages the tests fail and say how to install
 * them; CI (.ci/run) installs them.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Paths.get(System.getProperty("onus.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Paths.get(System.getProperty("onus.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static final Path DOWNLOADS = Paths.get("target", "downloads").toAbsolutePath();

    final ChromeDriver driver;
    private final Path profile;

    Browser(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console's browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + "; install them with: sudo apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        try {
            profile = Files.createTempDirectory("onus-chromium-profile");
            Files.createDirectories(DOWNLOADS);
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the browser's directories: " + e.getMessage(), e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps trying to reach Google's services,
        // and on a closed network its own connections then fail.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", DOWNLOADS.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("plugins.always_open_pdf_externally", true);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Signs in afresh (any earlier session's cookie dropped) and waits for the page it leads to. */
    void signIn(String consoleUrl, String token) {
        open(consoleUrl + "/sign-in");
        driver.manage().deleteAllCookies();
        open(consoleUrl + "/sign-in");
        find("#token").sendKeys(token);
        click("form[action='/sign-in'] button[type=submit]");
    }

    /** Clicks and waits until the page it leaves is gone. */
    void click(String css) {
        WebElement e = find(css);
        e.click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> gone(e));
    }

    /*
     * Chromium may answer a question about an element of a page being unloaded with "Node with
     * given id does not belong to the document" rather than a stale-element error; both mean the
     * page it belonged to is gone.
     */
    private static boolean gone(WebElement e) {
        try {
            e.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException x) {
            return true;
        } catch (org.openqa.selenium.WebDriverException x) {
            if (x.getMessage() != null && x.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw x;
        }
    }

    /** Saves the whole page (not only the window) as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(Math.max(height.intValue() + 20, 600), 8000)));
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name + ": " + e.getMessage(), e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}

package io.gatehouse.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver at a laptop's 1366×768, with a fresh
 * profile; waits only for explicit conditions and writes screenshots to {@code target/screenshots}.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path profile;
    private final ChromeDriver driver;
    private final Path screenshots;

    public ConsoleBrowser(Path screenshots) {
        this.screenshots = screenshots;
        try {
            this.profile = Files.createTempDirectory("gatehouse-console-chromium-");
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1366,768");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    /** Why the browser tests cannot run here, or null when Chromium and chromedriver are installed. */
    public static String missingBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return "Chromium and chromedriver are needed: apt-get install -y chromium chromium-driver";
        }
        return null;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits for condition; on timeout keeps a screenshot {@code failed-<what>.png} and names the page it stopped on. */
    public <T> T await(String what, ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).withMessage(what).until(tolerantOfPageChange(condition));
        } catch (TimeoutException e) {
            screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + " on " + driver.getCurrentUrl()
                    + "; the page says: " + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /**
     * While a page is being replaced, Chromium may report an element of the old page as not belonging to the document
     * rather than as stale. Either way the condition does not hold yet: the wait asks again.
     */
    private static <T> ExpectedCondition<T> tolerantOfPageChange(ExpectedCondition<T> condition) {
        return driver -> {
            try {
                return condition.apply(driver);
            } catch (StaleElementReferenceException e) {
                return null;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        };
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Takes the focus off whatever has it, so the next Tab starts at the top of the page. */
    public void blur() {
        driver.executeScript("if (document.activeElement) document.activeElement.blur();");
    }

    public void scrollTo(By by) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", driver.findElement(by));
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    public Path screenshot(String name) {
        File taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = screenshots.resolve(name + ".png");
        try {
            Files.copy(taken.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover profile in the temp directory harms nothing
        }
    }
}

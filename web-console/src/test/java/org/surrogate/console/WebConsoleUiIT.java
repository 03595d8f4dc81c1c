package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.surrogate.framework.HostConfig;

/**
 * The web console in a real browser: Debian's headless Chromium driven by Selenium through
 * chromium-driver, against a real server on a random port with the built-in plugins and the demo
 * experiment (as {@code surrogate serve} queues it). It logs in with the initial admin password,
 * installs the third-party example plugin by upload, reinstalls it from a folder catalog added and
 * indexed on the catalog page, builds an experiment in the generated form (a bad value first, shown
 * next to its field; a grid that doubles the trial count), watches its
 * progress bar reach completion, finds its runs by search with a facet, sorts and saves the search,
 * compares the runs, opens one, compares two ranking-fidelity runs of the demo, and watches the
 * dashboard's live bars, checking that each plot has data points and no page shows an error.
 * Screenshots go to {@code target/screenshots/} (dashboard, editor, editor-problem, plugins,
 * catalog-plan, catalog, experiment, run, compare, compare-ranking-fidelity).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebConsoleUiIT {

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("surrogate.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("surrogate.chromium", "/usr/bin/chromium"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Path data;
    private Path exampleJar;
    private Path screenshots;
    private SurrogateServer server;
    private ChromeDriverService service;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void startServerAndBrowser() throws Exception {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            fail("the browser test needs Debian's headless Chromium and its driver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ": install them with 'sudo apt-get install -y chromium chromium-driver'"
                    + " (.ci/run does)");
        }
        screenshots = Path.of("target", "screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        Files.deleteIfExists(screenshots.resolve("failure.png"));
        Files.deleteIfExists(screenshots.resolve("failure.html"));
        long t0 = System.nanoTime();
        exampleJar = buildExample();
        step("build the example plugin", t0);
        data = Files.createTempDirectory("ui-it-data");
        Path dist = Path.of(System.getProperty("surrogate.dist", "target/surrogate")).toAbsolutePath();
        server = SurrogateServer.start("127.0.0.1", 0, new HostConfig(data, dist.resolve("system-bundles"),
                dist.resolve("bundles"), false));
        // As `surrogate serve` does on an empty data folder: its ranking-fidelity runs feed the scatter.
        StringWriter demo = new StringWriter();
        DemoCommand.queue(server.host(), new PrintWriter(demo, true));
        assertTrue(demo.toString().contains("Queued the demo experiment"), demo.toString());

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1360,1500", "--remote-debugging-pipe",
                "--user-data-dir=" + Files.createTempDirectory("ui-it-chromium"));
        t0 = System.nanoTime();
        browser = startBrowser(options);
        wait = new WebDriverWait(browser, WAIT);
        step("start Chromium", t0);
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * Starts Chromium; on a machine so busy that it misses chromedriver's start-up deadline, tries
     * twice more before failing.
     */
    private WebDriver startBrowser(ChromeOptions options) {
        SessionNotCreatedException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return new ChromeDriver(service, options);
            } catch (SessionNotCreatedException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Builds the third-party example as its README says (as ThirdPartyPluginIT does). */
    private static Path buildExample() throws Exception {
        Path example = Path.of(System.getProperty("surrogate.example", "../examples/third-party-plugin"))
                .toAbsolutePath().normalize();
        Path buildDir = Path.of("target", "ui-it-example").toAbsolutePath();
        Files.createDirectories(buildDir);
        Path jar = buildDir.resolve("shrunk-popularity-1.0.0.jar");
        if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(newestSource(example)) > 0) {
            return jar; // built by an earlier run from the same sources
        }
        Path log = buildDir.resolveSibling("ui-it-example-build.log");
        Process p = new ProcessBuilder(System.getProperty("surrogate.mvn", "mvn"), "-q", "-B", "package",
                "-Drevision=1.0.0", "-DbuildDir=" + buildDir, "-f", example.resolve("pom.xml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the example's build did not finish");
        assertEquals(0, p.exitValue(), "the example's build failed:\n" + Files.readString(log));
        assertTrue(Files.exists(jar), jar + " was not built");
        return jar;
    }

    private static FileTime newestSource(Path example) throws IOException {
        try (Stream<Path> files = Files.walk(example)) {
            return files.filter(f -> !f.startsWith(example.resolve("target")) && Files.isRegularFile(f))
                    .map(f -> {
                        try {
                            return Files.getLastModifiedTime(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no sources in " + example));
        }
    }

    @Test
    void researcherWorkflowInTheBrowser() throws Exception {
        try {
            long t0 = System.nanoTime();
            logIn();
            installExampleByUpload();
            installFromAFolderCatalog();
            t0 = step("log in, install the example by upload and from a catalog", t0);
            String experiment = createExperimentFromTheForm();
            t0 = step("create the experiment in the form", t0);
            watchProgressToCompletion(experiment);
            t0 = step("watch it to completion", t0);
            List<String> runs = findRunsBySearchWithAFacet();
            compare(runs);
            runPage(runs.get(0));
            t0 = step("search, compare, run page", t0);
            rankingFidelityScatter();
            dashboard(experiment);
            step("ranking-fidelity scatter and live dashboard", t0);
        } catch (Exception | AssertionError e) {
            // What the browser showed when it failed, for the build's artifacts.
            screenshot("failure");
            Files.writeString(screenshots.resolve("failure.html"), browser.getPageSource());
            throw e;
        }
    }

    private void logIn() throws Exception {
        browser.get(server.url() + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        String hint = find("#initial-password-hint").getText();
        Path passwordFile = data.resolve("secrets").resolve("initial-admin-password").toAbsolutePath().normalize();
        assertTrue(hint.contains(passwordFile.toString()), hint);
        find("#user").sendKeys("admin");
        find("#password").sendKeys("not the password");
        find("#login-button").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"),
                "wrong user name or password"));
        find("#password").clear();
        find("#password").sendKeys(Files.readString(passwordFile).strip());
        find("#login-button").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "admin (admin)"));
        assertEquals(server.url() + "/", browser.getCurrentUrl());
        noErrorShown();
    }

    private void installExampleByUpload() throws Exception {
        browser.get(server.url() + "/plugins");
        find("#bundle-file").sendKeys(exampleJar.toString());
        find("#install-button").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("install-result"),
                "Installed org.example.surrogate.shrunk-popularity 1.0.0"));
        WebElement card = find("#plugin-shrunk-popularity");
        assertTrue(card.getText().contains("v1.0.0"), card.getText());
        assertTrue(find("#bundles-table").getText().contains("org.example.surrogate.shrunk-popularity"));
        screenshot("plugins");
        noErrorShown();
    }

    /**
     * The catalog page: a folder catalog holding the example's jar is added and indexed from the
     * page and lists the example as installed (by the upload); removed on the plugins page, it is
     * available; installed from the catalog page (the dry-run plan first), it is installed again.
     */
    private void installFromAFolderCatalog() throws Exception {
        String bsn = "org.example.surrogate.shrunk-popularity";
        Path folder = Files.createTempDirectory("ui-it-catalog");
        Files.copy(exampleJar, folder.resolve(exampleJar.getFileName()));
        find("#nav-catalog").click();
        wait.until(ExpectedConditions.urlContains("/catalog"));
        type("#location-name", "lab");
        type("#location-path", folder.toString());
        find("#location-add").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("location-result"), "Added catalog 'lab'"));
        // A folder without index.json yet: the catalog cannot be read, and the page says so.
        assertTrue(find("#catalog-problems").getText().contains("catalog 'lab'"), find("#catalog-problems").getText());
        find("#locations-table button.catalog-index[data-catalog='lab']").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("location-result"),
                "Indexed catalog 'lab': 1 bundle"));
        String row = "#available-table tr[data-bundle='" + bsn + "']";
        find(row + " [data-status='installed']");
        assertTrue(browser.findElements(By.id("catalog-problems")).isEmpty());
        String text = find(row).getText();
        assertTrue(text.contains("shrunk-popularity recommender: Shrunk popularity") && text.contains("from lab"), text);

        browser.get(server.url() + "/plugins");
        find("#bundles-table button.danger[data-bundle='" + bsn + "']").click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("plugin-shrunk-popularity")));

        browser.get(server.url() + "/catalog");
        find(row + " [data-status='available']");
        assertEquals("\u2014", find(row + " .installed-version").getText());
        find(row + " button.catalog-install").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-steps"),
                "install " + bsn + " 1.0.0 from catalog 'lab'"));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("catalog-plan");
        find("#plan-run").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-result"),
                "Installed " + bsn + " 1.0.0: plugins shrunk-popularity"));
        find(row + " [data-status='installed']");
        assertEquals("1.0.0", find(row + " .installed-version").getText());
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("catalog");
        noErrorShown();
        browser.get(server.url() + "/plugins");
        assertTrue(find("#bundles-table").getText().contains("catalog:lab"), find("#bundles-table").getText());
        find("#plugin-shrunk-popularity");
    }

    private String createExperimentFromTheForm() throws Exception {
        browser.get(server.url() + "/experiments/new");
        WebElement name = find("#f-name");
        name.clear();
        name.sendKeys("ui-test");
        assertEquals("holdout", new Select(find("#f-protocol-plugin")).getFirstSelectedOption().getAttribute("value"));
        click("#f-slots-data-add");
        new Select(find("#f-slots-data-0-plugin")).selectByValue("demo-latent");
        click("#f-slots-data-0-params"); // unfolds the parameters
        type("#f-slots-data-0-params-numUsers", "0"); // out of range: must be reported next to the field
        type("#f-slots-data-0-params-numItems", "150");
        new Select(find("#f-slots-split-0-plugin")).selectByValue("random-holdout");
        new Select(find("#f-slots-recommenders-0-plugin")).selectByValue("shrunk-popularity");
        click("#f-slots-recommenders-add");
        new Select(find("#f-slots-recommenders-1-plugin")).selectByValue("als");
        click("#f-slots-recommenders-1-params");
        type("#f-slots-recommenders-1-params-factors", "8");
        type("#f-slots-recommenders-1-params-iterations", "4");
        new Select(find("#f-slots-evaluators-0-plugin")).selectByValue("ranking-metrics");
        click("#f-slots-evaluators-0-params");
        type("#f-slots-evaluators-0-params-ks", "10");
        type("#f-seeds", "1, 2");

        find("#validate").click();
        By numUsersError = By.cssSelector("[data-path='slots.data[0].params.numUsers'] .field-error");
        wait.until(d -> !d.findElement(numUsersError).getText().isBlank());
        assertTrue(browser.findElement(numUsersError).getText().contains("found 0"),
                browser.findElement(numUsersError).getText());
        screenshot("editor-problem");
        type("#f-slots-data-0-params-numUsers", "300");
        find("#validate").click();
        wait.until(ExpectedConditions.textToBe(By.id("trial-count"), "2"));
        assertTrue(browser.findElement(numUsersError).getText().isBlank());
        // A grid over ALS's factors doubles the trials; then back to one value.
        click("#f-slots-recommenders-1-params-factors-grid");
        type("#f-slots-recommenders-1-params-factors", "8, 16");
        find("#validate").click();
        wait.until(ExpectedConditions.textToBe(By.id("trial-count"), "4"));
        click("#f-slots-recommenders-1-params-factors-grid");
        type("#f-slots-recommenders-1-params-factors", "8");
        find("#validate").click();
        wait.until(ExpectedConditions.textToBe(By.id("trial-count"), "2"));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("editor");

        find("#tab-yaml").click();
        String yaml = find("#spec-text").getAttribute("value");
        assertTrue(yaml.contains("plugin: shrunk-popularity") && yaml.contains("seeds: [1, 2]"), yaml);
        find("#tab-form").click();
        find("#submit").click();
        wait.until(ExpectedConditions.urlMatches("/experiments/e[0-9]"));
        String url = browser.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private void watchProgressToCompletion(String experiment) throws Exception {
        By bar = By.id("experiment-progress");
        List<Integer> seen = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(100)).until(d -> {
            String now = d.findElement(bar).getAttribute("aria-valuenow");
            int v = now == null ? -1 : Integer.parseInt(now);
            if (seen.isEmpty() || seen.get(seen.size() - 1) != v) {
                seen.add(v);
            }
            return v == 100 && "2".equals(d.findElement(bar).getAttribute("data-ended"));
        });
        assertEquals("2", browser.findElement(bar).getAttribute("data-total"));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "the progress bar went backwards: " + seen);
        }
        assertTrue(find("#experiment-progress").getText().contains("2/2 trials ended"), seen.toString());
        wait.until(d -> d.findElements(By.cssSelector("#trials-table .badge.succeeded")).size() == 2);
        wait.until(d -> d.findElements(By.cssSelector("#results-table tbody tr")).size() == 2);
        wait.until(d -> chartPoints("results-chart") > 0);
        find("#experiment h1 .badge.finished"); // the experiment's state follows the stream too
        screenshot("experiment");
        noErrorShown();
    }

    private List<String> findRunsBySearchWithAFacet() {
        browser.get(server.url() + "/search");
        type("#query", "protocol:holdout");
        find("#search-button").click();
        WebElement facet = find("#facet-plugin-shrunk-popularity");
        assertTrue(facet.findElement(By.xpath("following-sibling::span")).getText().equals("2"));
        facet.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("filters"), "plugin:shrunk-popularity"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("total"), "of 2 runs"));
        assertTrue(browser.getCurrentUrl().contains("f=plugin%3Ashrunk-popularity"), browser.getCurrentUrl());
        // A sortable column: seed, descending on the first click, then ascending.
        find("th[data-sort='seed']").click();
        find("th[data-sort='seed'].sorted-desc").click();
        find("th[data-sort='seed'].sorted-asc");
        assertTrue(browser.getCurrentUrl().contains("sort=seed"), browser.getCurrentUrl());
        List<String> seeds = browser.findElements(By.cssSelector("#results-table tbody tr td:nth-child(6)")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("1", "2"), seeds);
        // Saved queries are kept in the browser: still there after a reload.
        find("#save-query").click();
        type("#save-name", "holdout runs of the example");
        find("#save-confirm").click();
        browser.navigate().refresh();
        find("#saved a").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("total"), "of 2 runs"));
        assertEquals("protocol:holdout", find("#query").getAttribute("value"));
        List<String> ids = new ArrayList<>();
        for (WebElement box : browser.findElements(By.cssSelector("#results-table input.pick"))) {
            ids.add(box.getAttribute("value"));
            box.click();
        }
        assertEquals(2, ids.size(), ids.toString());
        find("#compare-selected").click();
        wait.until(ExpectedConditions.urlContains("/compare?ids="));
        return ids;
    }

    private void compare(List<String> runs) throws Exception {
        wait.until(d -> chartPoints("compare-bars") > 0);
        assertEquals(4, chartPoints("compare-bars"), "2 recommenders x 2 runs of ndcg@10");
        wait.until(d -> chartPoints("compare-lines") > 0);
        assertTrue(find("#diff-table").getText().contains("seed"), find("#diff-table").getText());
        for (String id : runs) {
            assertTrue(find("#diff-table").getText().contains(id.substring(id.length() - 5)));
        }
        screenshot("compare");
        noErrorShown();
    }

    private void runPage(String run) throws Exception {
        browser.get(server.url() + "/runs/" + run);
        wait.until(d -> chartPoints("history-chart") > 0);
        wait.until(d -> chartPoints("metrics-chart") == 2);
        assertTrue(find("#plugins-table").getText().contains("shrunk-popularity"));
        assertTrue(find("#params-table").getText().contains("als.factors"), find("#params-table").getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "trial " + run + " starts"));
        screenshot("run");
        noErrorShown();
    }

    private void rankingFidelityScatter() throws Exception {
        browser.get(server.url() + "/search?f=tag%3Ademo&f=status%3Asucceeded");
        new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofSeconds(2)).until(d -> {
            if (d.findElements(By.cssSelector("#results-table input.pick")).size() >= 2) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        List<WebElement> picks = browser.findElements(By.cssSelector("#results-table input.pick"));
        picks.get(0).click();
        picks.get(1).click();
        find("#compare-selected").click();
        wait.until(d -> chartPoints("fidelity-scatter") > 0);
        // Five recommenders per run, in two runs, plus the two ends of the diagonal.
        assertEquals(5 * 2 + 2, chartPoints("fidelity-scatter"));
        assertTrue(find("#fidelity-correlations").getText().contains("Kendall"));
        screenshot("compare-ranking-fidelity");
        noErrorShown();
    }

    /**
     * The dashboard while an experiment of slow trials (the example plugin waits, reporting
     * progress) runs: its rows appear with moving bars that reach completion.
     */
    private void dashboard(String experiment) throws Exception {
        browser.get(server.url() + "/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("experiments-table"), "ui-test"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "live"));
        assertTrue(find("#experiments-table a[href='/experiments/" + experiment + "']").isDisplayed());
        find("#results-table");
        String slow = """
                name: ui-test-slow
                protocol: {plugin: holdout}
                slots:
                  data: [{plugin: demo-latent, params: {numUsers: 100, numItems: 80}}]
                  split: [{plugin: random-holdout}]
                  recommenders: [{plugin: shrunk-popularity, params: {delayMillis: 2500}}]
                  evaluators: [{plugin: ranking-metrics, params: {ks: [10]}}]
                seeds: [1, 2]
                """;
        String token = Files.readString(data.resolve("secrets").resolve("cli-token")).strip();
        HttpResponse<String> submitted = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/experiments"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString(slow)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, submitted.statusCode(), submitted.body());
        By running = By.cssSelector("#queue-rows .badge.running");
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(100)).until(d -> {
            for (WebElement bar : d.findElements(By.cssSelector("#queue-rows .progress"))) {
                int v = Integer.parseInt(bar.getAttribute("aria-valuenow"));
                if (v > 10 && v < 100 && !d.findElements(running).isEmpty()) {
                    return true;
                }
            }
            return false;
        });
        screenshot("dashboard");
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#queue-rows tr"));
            return rows.size() == 2 && d.findElements(By.cssSelector("#queue-rows .progress[aria-valuenow='100']"))
                    .size() == 2 && d.findElements(By.cssSelector("#queue-rows .badge.succeeded")).size() == 2;
        });
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("experiments-table"), "ui-test-slow"));
        noErrorShown();
    }

    // ---- helpers ----

    /** Prints how long a step took, for the build log; answers now. */
    private static long step(String what, long since) {
        long now = System.nanoTime();
        System.out.printf("WebConsoleUiIT: %s took %.1f s%n", what, (now - since) / 1e9);
        return now;
    }

    private WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Clicks an element in the middle of the window, clear of the editor's sticky action bar. */
    private void click(String css) {
        WebElement e = find(css);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    private void type(String css, String text) {
        WebElement e = find(css);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.clear();
        e.sendKeys(text);
    }

    /** How many data points the ECharts plot in an element has (-1 if there is none). */
    private long chartPoints(String elementId) {
        Object n = ((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById(arguments[0]);"
                        + "const c = e && window.echarts && echarts.getInstanceByDom(e);"
                        + "if (!c) return -1;"
                        + "return c.getOption().series.reduce((n, s) => n + (s.data ? s.data.length : 0), 0);",
                elementId);
        return ((Number) n).longValue();
    }

    /** No error banner, and nothing that looks like a stack trace, on the page. */
    private void noErrorShown() {
        List<WebElement> toasts = browser.findElements(By.cssSelector("#toast .msg.error"));
        assertTrue(toasts.isEmpty(), "an error was shown on " + browser.getCurrentUrl() + ": "
                + toasts.stream().map(WebElement::getText).toList());
        String text = browser.findElement(By.tagName("body")).getText();
        assertFalse(text.matches("(?s).*(Exception|\\bat [a-z]+\\.[a-z]+\\.[A-Za-z.]+\\().*"),
                "stack trace on " + browser.getCurrentUrl());
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}

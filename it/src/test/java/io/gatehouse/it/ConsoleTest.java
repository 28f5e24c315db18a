package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.ConsoleBrowser;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.GatewayTokens;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Propagation;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real headless Chromium: sign in through the issuer's login form, find identities, read an
 * identity's grants and usage, approve held calls (by mouse and by keyboard alone) and see them pass through the
 * data plane, find them in the audit search, and decide an access-review item and see the data plane enforce it. Screenshots of every page land in target/screenshots.
 */
@Order(3)
class ConsoleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "alice";
    /** Owns team payments; no admin, reviewer or auditor role. */
    private static final String TEAM_OWNER = "owner-olga";
    private static final int MAX_TABS = 80;
    /** The only cron identity of the suite: the scope of the console's review campaign. */
    private static final String REVIEWED = "console-review-cron";
    /** A path of a grant the identity page test adds and no scenario calls. */
    private static final String UNUSED_PATH = "/console-never-called/*";

    private static Suite suite;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void signIn() {
        String missing = ConsoleBrowser.missingBrowser();
        assumeTrue(missing == null, missing);
        suite = GatehouseSuite.requireAll();
        browser = new ConsoleBrowser(Path.of("target", "screenshots"));

        browser.open(suite.consoleUrl());
        browser.await("the issuer's login form", ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        assertTrue(browser.driver().getCurrentUrl().startsWith(suite.issuer().baseUrl()),
                () -> "an unauthenticated visit goes to the issuer's login: " + browser.driver().getCurrentUrl());
        browser.screenshot("console-0-sign-in");
        signInAs(USER);
        assertTrue(browser.find(By.id("who")).getText().contains("admin"), () -> browser.find(By.id("who")).getText());
        assertTrue(browser.driver().getCurrentUrl().startsWith(suite.consoleUrl()), browser.driver()::getCurrentUrl);
    }

    /** Fills in the issuer's login form, which the browser shows now, and waits for the console. */
    private static void signInAs(String user) {
        WebElement username = browser.await("the issuer's login form", ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        username.sendKeys(user);
        username.submit();
        browser.await("signed in as " + user, ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Signed in as " + user));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void identitiesPageListsSortsAndFilters() {
        show("#/identities");
        browser.await("deploy-bot in the identities table", ExpectedConditions.visibilityOfElementLocated(By.linkText("deploy-bot")));
        int all = rows("table tbody tr a").size();
        assertTrue(browser.find(By.id("identity-count")).getText().startsWith(all + " identities"),
                browser.find(By.id("identity-count"))::getText);

        WebElement nameHeader = browser.find(By.xpath("//th[button[normalize-space()='Name']]"));
        assertEquals("ascending", nameHeader.getAttribute("aria-sort"));
        nameHeader.findElement(By.tagName("button")).click();
        assertEquals("descending", nameHeader.getAttribute("aria-sort"));

        WebElement filter = browser.find(By.id("identity-filter"));
        filter.sendKeys("no-such-automation");
        browser.await("no identity left", ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table tbody"), "No identity matches."));
        assertTrue(browser.find(By.id("identity-count")).getText().startsWith("0 of " + all), browser.find(By.id("identity-count"))::getText);
        filter.clear();
        filter.sendKeys("deploy");
        browser.await("deploy-bot back", ExpectedConditions.visibilityOfElementLocated(By.linkText("deploy-bot")));
        assertTrue(rows("table tbody tr").stream().allMatch(row -> row.getText().toLowerCase().contains("deploy")),
                "only rows that match the filter");
        browser.screenshot("console-1-identities");
    }

    @Test
    @Order(2)
    void identityPageShowsGrantsUsageChartAndUnusedGrants() throws Exception {
        // a grant of its own that no scenario calls, so that it is unused whatever ran before
        String api = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1";
        HttpResponse<String> unusedGrant = Http.postJson(api + "/grants", Tokens.admin("it-admin"),
                "{\"identity\": \"deploy-bot\", \"resource\": \"demo\", \"methods\": [\"GET\"], \"paths\": [\"" + UNUSED_PATH + "\"]}");
        assertEquals(201, unusedGrant.statusCode(), () -> Http.describe(unusedGrant));
        try {
            showIdentityPageWithItsUnusedGrant();
        } finally {
            Http.delete(api + "/grants/" + JSON.readTree(unusedGrant.body()).path("id").asText(), Tokens.admin("it-admin"));
        }
    }

    private void showIdentityPageWithItsUnusedGrant() {
        HttpResponse<String> read = Http.get(suite.proxyUrl() + "/demo/customers/42", Tokens.deployBot());
        assertEquals(200, read.statusCode(), () -> Http.describe(read));
        String usageUrl = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/identities/deploy-bot/usage";
        Await.until("the read counted in deploy-bot's usage", Duration.ofSeconds(30),
                () -> usageCalls(Http.get(usageUrl, Tokens.admin("it-admin")), "GET") > 0,
                () -> Http.get(usageUrl, Tokens.admin("it-admin")).body());

        show("#/identities/deploy-bot");
        browser.await("deploy-bot's grants", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#grants tbody tr[data-grant-id]")));
        List<WebElement> grants = rows("#grants tbody tr[data-grant-id]");
        assertTrue(grants.stream().anyMatch(row -> row.getText().contains("/customers/**")), () -> "the GET grant is listed");
        assertTrue(grants.stream().anyMatch(row -> row.getText().contains(UNUSED_PATH) && row.getAttribute("class").contains("unused")),
                "a grant never used is highlighted as unused");
        assertTrue(grants.stream().anyMatch(row -> row.getText().contains("/customers/**") && !row.getAttribute("class").contains("unused")),
                "the used GET grant is not highlighted");
        WebElement chart = browser.find(By.cssSelector("#usage svg[role='img']"));
        assertFalse(chart.findElements(By.tagName("polyline")).isEmpty(), "one line per operation");
        assertTrue(browser.find(By.cssSelector("#usage details table")).getAttribute("textContent").contains("GET demo /customers/**"),
                "the chart's numbers as a table for screen readers");
        browser.scrollTo(By.id("grants"));
        browser.screenshot("console-2-identity");
    }

    @Test
    @Order(3)
    void oneClickApprovesAHeldCallWhichThenPassesThroughTheDataPlane() throws Exception {
        show("#/approvals");
        browser.await("the approvals page", ExpectedConditions.visibilityOfElementLocated(By.id("approval-list")));
        HeldCall held = holdRefund("12.50");
        WebElement card = awaitApprovalCard(held.approvalId());
        assertTrue(card.getText().contains("deploy-bot"), card::getText);
        browser.screenshot("console-3-approvals");

        card.findElement(By.cssSelector("textarea")).sendKeys("checked in the console");
        card.findElement(By.cssSelector("button.approve")).click();

        assertPassedThrough(held);
        browser.await("the decision confirmed", ExpectedConditions.textToBePresentInElementLocated(By.id("approval-status"), "Approved"));
        JsonNode decided = approval(held.approvalId());
        assertEquals(USER, decided.path("decidedBy").asText(), decided::toString);
        assertTrue(decided.toString().contains("checked in the console"), () -> "the comment is recorded: " + decided);
    }

    @Test
    @Order(4)
    void keyboardAloneReachesApproveAndPressesIt() throws Exception {
        show("#/approvals");
        HeldCall held = holdRefund("7.00");
        awaitApprovalCard(held.approvalId());

        browser.blur();
        String approveLabel = null;
        for (int tab = 0; tab < MAX_TABS; tab++) {
            browser.focused().sendKeys(Keys.TAB);
            WebElement focused = browser.focused();
            if ("button".equals(focused.getTagName()) && focused.getAttribute("class").contains("approve")
                    && held.approvalId().equals(focused.findElement(By.xpath("ancestor::article")).getAttribute("data-approval-id"))) {
                approveLabel = focused.getAttribute("aria-label");
                break;
            }
        }
        assertNotNull(approveLabel, "Tab reaches the Approve button of approval " + held.approvalId() + " within " + MAX_TABS + " presses");
        assertTrue(approveLabel.startsWith("Approve POST"), approveLabel);
        browser.focused().sendKeys(Keys.ENTER);

        assertPassedThrough(held);
    }

    @Test
    @Order(5)
    void auditSearchFindsTheApprovedCall() {
        String events = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/audit/events?identity=deploy-bot&resource=demo&decision=allowed&method=POST";
        Await.until("the approved refund in the audit store", Duration.ofSeconds(30),
                () -> Http.get(events, Tokens.admin("it-admin")).body().contains("/refunds"),
                () -> Http.get(events, Tokens.admin("it-admin")).body());

        show("#/audit");
        browser.await("the audit search form", ExpectedConditions.visibilityOfElementLocated(By.id("audit-identity")));
        browser.find(By.id("audit-identity")).sendKeys("deploy-bot");
        browser.find(By.id("audit-resource")).sendKeys("demo");
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("audit-decision"))).selectByValue("allowed");
        browser.find(By.cssSelector("form button[type='submit']")).click();
        browser.await("the approved refund in the results",
                ExpectedConditions.textToBePresentInElementLocated(By.id("audit-results"), "/refunds"));
        assertTrue(rows("#audit-results tbody tr").stream().anyMatch(row -> row.getText().contains("POST /")
                && row.getText().contains("/refunds") && row.getText().contains("allowed")), "the approved refund, allowed");
        assertTrue(rows("#audit-results tbody tr").stream().allMatch(row -> row.getText().contains("deploy-bot")),
                "every result is deploy-bot's");
        browser.screenshot("console-4-audit");
    }

    @Test
    @Order(6)
    void decidingAReviewItemNarrowsTheGrantsTheDataPlaneEnforces() throws Exception {
        String admin = Tokens.admin("it-admin");
        String api = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1";
        String expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
        assertEquals(201, Http.postJson(api + "/identities", admin, """
                {"name": "%s", "kind": "cron", "owner": {"team": "platform", "contact": "platform@acme.example"},
                 "purpose": "console: access review", "expires": "%s"}""".formatted(REVIEWED, expires)).statusCode());
        try {
            for (String path : List.of("/customers/**", "/invoices/*")) {
                HttpResponse<String> grant = Http.postJson(api + "/grants", admin, """
                        {"identity": "%s", "resource": "demo", "methods": ["GET"], "paths": ["%s"]}""".formatted(REVIEWED, path));
                assertEquals(201, grant.statusCode(), () -> Http.describe(grant));
            }
            String secret = JSON.readTree(Http.postJson(api + "/identities/" + REVIEWED + "/client-secrets", admin, "{}").body())
                    .path("secret").asText();
            String token = GatewayTokens.issue(suite, REVIEWED, secret);
            String customers = suite.proxyUrl() + "/demo/customers/42";
            String invoices = suite.proxyUrl() + "/demo/invoices/7";
            Propagation.awaitStatus(customers, token, status -> status == 200, "the reviewed identity's grant");
            Await.until("its call counted in its usage", Duration.ofSeconds(30),
                    () -> usageCalls(Http.get(api + "/identities/" + REVIEWED + "/usage", admin), "GET") > 0,
                    () -> Http.get(api + "/identities/" + REVIEWED + "/usage", admin).body());
            HttpResponse<String> started = Http.postJson(api + "/access-reviews", admin,
                    "{\"name\": \"console: cron jobs\", \"scope\": \"kind:cron\"}");
            assertEquals(201, started.statusCode(), () -> Http.describe(started));
            JsonNode campaign = JSON.readTree(started.body());
            String itemId = campaign.path("items").get(0).path("id").asText();

            show("#/reviews");
            browser.await("the campaign in the list", ExpectedConditions.visibilityOfElementLocated(By.linkText("console: cron jobs")));
            browser.find(By.linkText("console: cron jobs")).click();
            By row = By.cssSelector("#review-items tr[data-item-id='" + itemId + "']");
            WebElement item = browser.await("the reviewed identity's item", ExpectedConditions.visibilityOfElementLocated(row));
            assertTrue(item.getText().contains("GET demo /invoices/*"), () -> "the unused operation is shown: " + item.getText());
            browser.screenshot("console-6-review");

            new org.openqa.selenium.support.ui.Select(item.findElement(By.cssSelector("select.decision"))).selectByValue("narrow");
            item.findElement(By.cssSelector("input.comment")).sendKeys("invoices are read elsewhere");
            item.findElement(By.cssSelector("button.decide")).click();
            browser.await("the decision applied", ExpectedConditions.textToBePresentInElementLocated(By.id("review-status"),
                    "unused operation(s) removed"));

            List<String> paths = new ArrayList<>();
            JSON.readTree(Http.get(api + "/grants?identity=" + REVIEWED, admin).body())
                    .forEach(grant -> grant.path("paths").forEach(path -> paths.add(path.asText())));
            assertEquals(List.of("/customers/**"), paths, "the unused invoices grant is gone");
            Propagation.awaitStatus(invoices, token, status -> status == 403, "the narrowed grants to refuse invoices");
            assertEquals(200, Http.get(customers, token).statusCode(), "the used operation stays allowed");
            browser.screenshot("console-7-review-decided");
        } finally {
            for (JsonNode grant : JSON.readTree(Http.get(api + "/grants?identity=" + REVIEWED, admin).body())) {
                Http.delete(api + "/grants/" + grant.path("id").asText(), admin);
            }
            Http.delete(api + "/identities/" + REVIEWED, admin);
        }
    }

    @Test
    @Order(7)
    void signOutEndsTheSessionAndAPageSomeoneMayNotUseSaysWhy() {
        browser.find(By.id("logout")).click();
        browser.await("the signed-out page", ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "You are signed out"));
        browser.open(suite.consoleUrl() + "#/audit");
        browser.await("the issuer's login form again", ExpectedConditions.visibilityOfElementLocated(By.name("username")));

        signInAs(TEAM_OWNER);
        show("#/audit");
        browser.await("the audit page's refusal", ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "needs one of the roles"));
        assertTrue(browser.driver().findElements(By.id("audit-identity")).isEmpty(), "no search form for a team owner");
        browser.screenshot("console-5-not-permitted");
    }

    private record HeldCall(String approvalId, CompletableFuture<HttpResponse<String>> call) {
    }

    /** Posts a refund as deploy-bot and waits until the approval service holds it; fails if it is answered first. */
    private static HeldCall holdRefund(String amount) {
        String approvals = suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals?state=PENDING";
        Set<String> before = pendingIds(approvals);
        CompletableFuture<HttpResponse<String>> call = Http.postJsonAsync(suite.proxyUrl() + "/demo/refunds",
                Tokens.deployBot(), "{\"customerId\":\"42\",\"amount\":\"" + amount + "\"}");
        String[] found = new String[1];
        Await.until("a new pending approval for the refund", Duration.ofSeconds(20), () -> {
            if (call.isDone()) {
                fail("the refund must be held for approval, but it was answered: " + Http.describe(call.join()));
            }
            pendingIds(approvals).stream().filter(id -> !before.contains(id)).findFirst().ifPresent(id -> found[0] = id);
            return found[0] != null;
        }, () -> "pending before: " + before);
        return new HeldCall(found[0], call);
    }

    private static WebElement awaitApprovalCard(String approvalId) {
        By card = By.cssSelector("article[data-approval-id='" + approvalId + "']");
        browser.find(By.xpath("//button[normalize-space()='Refresh']")).click();
        return browser.await("approval " + approvalId + " on the approvals page", ExpectedConditions.visibilityOfElementLocated(card));
    }

    private static void assertPassedThrough(HeldCall held) throws Exception {
        HttpResponse<String> response = held.call().get(60, TimeUnit.SECONDS);
        assertEquals(201, response.statusCode(), () -> "after the approval in the console: " + Http.describe(response));
        assertEquals("issued", JSON.readTree(response.body()).path("status").asText(), response::body);
    }

    private static JsonNode approval(String id) throws Exception {
        HttpResponse<String> response = Http.get(suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals/" + id,
                Tokens.admin("it-approver"));
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        return JSON.readTree(response.body());
    }

    private static Set<String> pendingIds(String url) {
        HttpResponse<String> response = Http.get(url, Tokens.admin("it-approver"));
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        Set<String> ids = new HashSet<>();
        try {
            JSON.readTree(response.body()).forEach(approval -> ids.add(approval.path("id").asText()));
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
        return ids;
    }

    private static long usageCalls(HttpResponse<String> response, String method) {
        try {
            long calls = 0;
            for (JsonNode operation : JSON.readTree(response.body()).path("operations")) {
                if (operation.path("method").asText().equals(method)) {
                    calls += operation.path("calls").asLong();
                }
            }
            return calls;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Opens a console page by its hash route, as following a link in the console does. */
    private static void show(String route) {
        browser.open(suite.consoleUrl() + route);
    }

    private static List<WebElement> rows(String css) {
        return browser.driver().findElements(By.cssSelector(css));
    }
}

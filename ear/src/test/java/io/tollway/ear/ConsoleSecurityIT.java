package io.tollway.ear;

import io.tollway.ear.support.Api;
import io.tollway.ear.support.ConsoleBrowser;
import io.tollway.ear.support.Database;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.TestEnvironment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in, roles and protections, in a real headless Chromium against the deployed
 * EAR: what the pages show, not only that they load.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleSecurityIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @Test
    void adminSignsInWithANewSessionIdAndSignsOut() {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.open("/console/");
            assertThat(browser.title()).startsWith("Sign in");
            String sessionBefore = browser.sessionId();
            assertThat(sessionBefore).as("the sign-in page's form lives in a session").isNotNull();

            browser.fillSignIn(ConsoleBrowser.ADMIN, "not the password");
            assertThat(browser.text(By.id("messages"))).contains("Wrong user name or password.");
            assertThat(browser.findAll(By.id("signedInAs"))).isEmpty();

            browser.fillSignIn(ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);
            assertThat(browser.text(By.id("signedInAs"))).isEqualTo("admin");
            assertThat(browser.title()).startsWith("Dashboard");
            assertThat(browser.text(By.id("nav"))).contains("Dashboard", "Incidents", "Chain transactions", "Task list");
            assertThat(browser.sessionId()).as("a new session id at sign-in: no session fixation").isNotEqualTo(sessionBefore);
            assertThat(Database.count("select count(*) from audit_entry where actor = 'admin' and action = 'signed in'")).isPositive();

            browser.signOut();
            assertThat(browser.text(By.id("signedOut"))).isEqualTo("You are signed out.");
            browser.open("/console/index.xhtml");
            assertThat(browser.title()).as("signed out: the dashboard asks for a sign-in again").startsWith("Sign in");
            assertThat(browser.findAll(By.id("signedInAs"))).isEmpty();
        }
    }

    @Test
    void anApproverSeesTheTaskListButCannotOpenAdminPages() {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleBrowser.APPROVER, ConsoleBrowser.APPROVER_PASSWORD);

            assertThat(browser.title()).as("an approver starts at the task list").startsWith("Task list");
            assertThat(browser.text(By.id("nav"))).isEqualTo("Task list");
            for (String adminPage : new String[] {"/console/index.xhtml", "/console/incidents.xhtml", "/console/transactions.xhtml",
                    "/console/offerings.xhtml"}) {
                browser.open(adminPage);
                assertThat(browser.text(By.id("errorTitle"))).as(adminPage).isEqualTo("Not permitted");
                assertThat(browser.pageText()).as(adminPage).doesNotContain("Money in escrow", "Retry all", "Exception");
            }
            browser.open("/console/tasks.xhtml");
            assertThat(browser.title()).startsWith("Task list");
            assertThat(browser.text(By.id("signedInAs"))).isEqualTo("approver");
        }
    }

    @Test
    void aFormPostedWithoutItsTokenIsRefusedAndDoesNothing() throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);

            // the sign-out form, sent without its view state (the token): refused, and still signed in
            browser.script("document.querySelector('#signOut input[name=\"jakarta.faces.ViewState\"]').remove()");
            browser.click(By.id("signOut:signOutButton"));
            assertThat(browser.text(By.id("errorTitle"))).isEqualTo("Not permitted");
            assertThat(browser.pageText()).contains("without its security token");
            browser.open("/console/index.xhtml");
            assertThat(browser.text(By.id("signedInAs"))).as("the sign-out did not happen").isEqualTo("admin");

            // with a token this session was never given: refused as well
            browser.script("document.querySelector('#signOut input[name=\"jakarta.faces.ViewState\"]').value = '-4711:0815'");
            browser.click(By.id("signOut:signOutButton"));
            assertThat(browser.text(By.id("errorTitle"))).isEqualTo("Form refused");
            browser.open("/console/index.xhtml");
            assertThat(browser.text(By.id("signedInAs"))).isEqualTo("admin");

            // another site's page posting the form with the session's cookie and even a valid token: refused by its Origin
            String token = (String) browser.script(
                    "return document.querySelector('#signOut input[name=\"jakarta.faces.ViewState\"]').value");
            String body = "signOut=signOut&signOut%3AsignOutButton=Sign+out&jakarta.faces.ViewState="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8);
            HttpResponse<String> crossSite = HTTP.send(HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + "/console/index.xhtml"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", "JSESSIONID=" + browser.sessionId())
                    .header("Origin", "https://attacker.example")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(crossSite.statusCode()).isEqualTo(403);
            browser.open("/console/index.xhtml");
            assertThat(browser.text(By.id("signedInAs"))).isEqualTo("admin");

            // the same form with its token from this site goes through
            browser.signOut();
            assertThat(browser.text(By.id("signedOut"))).isEqualTo("You are signed out.");
        }
    }

    @Test
    void consolePagesCarrySecurityHeadersAndTheApiStillAnswersWithProblems() throws IOException, InterruptedException {
        HttpResponse<String> signIn = get("/console/login.xhtml");
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(signIn.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(signIn.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(signIn.headers().firstValue("Referrer-Policy")).isPresent();
        assertThat(signIn.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(signIn.body()).as("no inline script for the policy to forbid").doesNotContain("<script>").doesNotContain("onclick");

        HttpResponse<String> dashboard = get("/console/index.xhtml");
        assertThat(dashboard.statusCode()).as("not signed in: to the sign-in page").isEqualTo(302);
        assertThat(dashboard.headers().firstValue("Location").orElseThrow()).contains("/console/login.xhtml");

        Api.Reply api = new Api(TestEnvironment.baseUrl(), null).get("/api/v1/agreements");
        assertThat(api.status()).as("the API answers for itself, never with the console's sign-in").isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(new Api(TestEnvironment.baseUrl(), Api.APPROVER).get("/api/v1/approval-tasks").status()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

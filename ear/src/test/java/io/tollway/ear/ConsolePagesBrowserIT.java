package io.tollway.ear;

import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.ConsoleBrowser;
import io.tollway.wallet.ChainWallet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's other pages in headless Chromium against the deployed EAR: the agreements list
 * with its filters, search and pages; an offering submitted, published by review and retired, with
 * its audit; the terms simulator's chart and outcome. Assertions are on what the pages show.
 */
@ExtendWith(ArquillianExtension.class)
class ConsolePagesBrowserIT {

    private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);

    private final AgreementDriver driver = new AgreementDriver();
    private ConsoleBrowser console;
    private WebDriver browser;

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @BeforeEach
    void startBrowser() {
        console = ConsoleBrowser.start().signIn(ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);
        browser = console.driver();
    }

    @AfterEach
    void stopBrowser() {
        console.close();
    }

    /** Opens a console page in the admin's signed-in session. */
    private void openAsAdmin(String path) {
        console.open(path);
    }

    /** A click that loads another page: read nothing until the old one is gone. */
    private void clickAndWaitForTheNextPage(By by) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(by).click();
        console.await(ConsoleBrowser.pageLeft(page));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private List<String> rows(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    @Test
    void theAgreementsListFiltersSearchesAndPages() {
        String offering = driver.publishedOffering();
        String name = driver.admin.offering(offering).get("name").asText();
        ChainWallet wallet = driver.wallet();
        List<String> ids = List.of(requested(offering, wallet), requested(offering, wallet), requested(offering, wallet));

        openAsAdmin("/console/agreements.xhtml?size=2&q=" + name.replace(" ", "%20"));
        assertThat(text("total")).isEqualTo("3");
        assertThat(rows("#agreementRows tr.agreement-row")).hasSize(2).allMatch(row -> row.contains(name));
        assertThat(text("pageNumber")).isEqualTo("1");
        clickAndWaitForTheNextPage(By.id("nextPage"));
        assertThat(text("pageNumber")).isEqualTo("2");
        assertThat(rows("#agreementRows tr.agreement-row")).hasSize(1);
        assertThat(browser.findElements(By.id("nextPage"))).isEmpty();

        // the search finds one agreement by the start of its id; the filters narrow it further
        openAsAdmin("/console/agreements.xhtml");
        browser.findElement(By.name("q")).sendKeys(ids.get(0).substring(0, 13));
        new Select(browser.findElement(By.name("model"))).selectByValue("ESCROW");
        new Select(browser.findElement(By.name("consumer"))).selectByValue("demo-consumer");
        clickAndWaitForTheNextPage(By.id("filter"));
        assertThat(text("total")).isEqualTo("1");
        assertThat(rows("#agreementRows tr.agreement-row").get(0)).contains(ids.get(0));
        new Select(browser.findElement(By.name("model"))).selectByValue("CHANNEL");
        clickAndWaitForTheNextPage(By.id("filter"));
        assertThat(text("total")).isEqualTo("0");

        // a row leads to its agreement's page
        openAsAdmin("/console/agreements.xhtml?q=" + ids.get(1));
        clickAndWaitForTheNextPage(By.linkText(ids.get(1)));
        assertThat(text("agreementId")).isEqualTo(ids.get(1));

        // nonsense in the address is a message, not an error page
        openAsAdmin("/console/agreements.xhtml?status=RUNNING");
        assertThat(text("messages")).contains("no agreement status RUNNING");
        assertThat(browser.getPageSource()).doesNotContain("Exception");
    }

    private String requested(String offering, ChainWallet wallet) {
        Api.Reply reply = driver.request(offering, wallet);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    @Test
    void anAdminSubmitsAnOfferingThatIsReviewedAndThenRetiresIt() {
        String name = "Console VPN " + UUID.randomUUID();
        openAsAdmin("/console/offering-new.xhtml");
        type("offering:providerId", "no-such-provider");
        type("offering:name", name);
        clickAndWaitForTheNextPage(By.id("offering:submit"));
        assertThat(text("messages")).contains("there is no provider account no-such-provider");

        type("offering:providerId", "demo-provider");
        type("offering:baseFeePerHour", "0");
        clickAndWaitForTheNextPage(By.id("offering:submit"));
        assertThat(text("messages")).contains("baseFeePerHour must be more than 0");

        type("offering:baseFeePerHour", "36000");
        clickAndWaitForTheNextPage(By.id("offering:submit"));
        assertThat(text("offeringName")).isEqualTo(name);
        assertThat(text("terms")).contains("baseFeePerHour").contains("36000");
        assertThat(rows("#auditEntries .audit-action")).containsExactly("create");
        String id = browser.getCurrentUrl().replaceAll(".*[?&]id=([^&]+).*", "$1");

        // the approvers publish it through the review, as any offering
        assertThat(driver.approver.post("/api/v1/review-tasks/" + driver.admin.reviewTaskOf(id) + "/decision", "{\"approved\":true}")
                .status()).isEqualTo(204);
        await().atMost(AgreementDriver.DEADLINE).until(() -> driver.admin.offering(id).get("status").asText().equals("PUBLISHED"));
        openAsAdmin("/console/offerings.xhtml");
        assertThat(rows("#offeringRows tr.offering-row")).anyMatch(row -> row.contains(name) && row.contains("PUBLISHED"));

        openAsAdmin("/console/offering.xhtml?id=" + id);
        assertThat(text("status")).isEqualTo("PUBLISHED");
        clickAndWaitForTheNextPage(By.id("actions:retire"));
        assertThat(text("messages")).contains("reason must not be blank");
        type("actions:reason", "replaced by VPN 2");
        clickAndWaitForTheNextPage(By.id("actions:retire"));
        assertThat(text("status")).isEqualTo("RETIRED");
        assertThat(rows("#auditEntries .audit-action")).containsExactly("retire", "create");
        assertThat(text("auditEntries")).contains("replaced by VPN 2").contains(ConsoleBrowser.ADMIN);

        // a retired offering takes no new agreements
        assertThat(driver.request(id, driver.wallet()).status()).isBetween(400, 499);
    }

    @Test
    void theSimulatorChartsBothPartiesBalancesOverTheLife() {
        openAsAdmin("/console/simulator.xhtml");
        new WebDriverWait(browser, PAGE_DEADLINE).until(ExpectedConditions.attributeToBe(By.id("simulationChart"), "data-state", "drawn"));
        assertThat(text("ending")).isEqualTo("Stopped by the consumer");

        // one small deposit and no top-ups: the deposit runs out
        type("simulation:firstDeposit", "4600");
        type("simulation:topUp", "0");
        type("simulation:baseFeePerHour", "3600");
        type("simulation:usagePerHour", "0");
        type("simulation:lockupSeconds", "0");
        type("simulation:setupFee", "1000");
        clickAndWaitForTheNextPage(By.id("simulation:simulate"));
        new WebDriverWait(browser, PAGE_DEADLINE).until(ExpectedConditions.attributeToBe(By.id("simulationChart"), "data-state", "drawn"));
        assertThat(text("ending")).isEqualTo("Out of funds");
        // 3,600 left after the setup fee pays exactly an hour of base fee; the next bill finds nothing: out of funds at 1 h 15
        assertThat(text("endedAt")).isEqualTo("1.25");
        assertThat(text("paid")).isEqualTo("4600");
        assertThat(text("refunded")).isEqualTo("0");

        type("simulation:billEveryMinutes", "0");
        clickAndWaitForTheNextPage(By.id("simulation:simulate"));
        assertThat(text("messages")).contains("1 to 60 minutes");
        assertThat(browser.getPageSource()).doesNotContain("Exception");
    }
}

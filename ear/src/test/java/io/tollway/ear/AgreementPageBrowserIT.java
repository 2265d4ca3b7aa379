package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.AgreementDriver;
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
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static io.tollway.ear.support.AgreementDriver.BILLING_INTERVAL;
import static io.tollway.ear.support.AgreementDriver.SETUP_FEE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's agreement page in a real browser (headless Chromium) against the deployed EAR:
 * an escrow agreement driven to ACTIVE and billed once shows its billing process drawn with the
 * step it waits at highlighted, its balances chart with the out-of-funds date, its bills and
 * chain transactions; an admin suspends it (the suspension process is drawn, waiting for the
 * admin's resume), resumes it and terminates it, each shown in the status and in the audit list.
 * Every assertion is on what the page shows.
 */
@ExtendWith(ArquillianExtension.class)
class AgreementPageBrowserIT {

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

    private WebDriverWait waitUpTo(Duration deadline) {
        return new WebDriverWait(browser, deadline, Duration.ofMillis(250));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Reloads the agreement's page until its status reads {@code status} (the processes move on their own). */
    private void awaitStatusShown(String id, String status) {
        waitUpTo(AgreementDriver.DEADLINE).until(b -> {
            openAsAdmin("/console/agreement.xhtml?id=" + id);
            return b.findElements(By.id("status")).stream().anyMatch(e -> e.getText().equals(status));
        });
    }

    private void awaitDiagramDrawn(String process) {
        waitUpTo(PAGE_DEADLINE).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".bpmn-diagram[data-process='" + process + "'][data-state='drawn'] svg")));
    }

    private WebElement activeStep(String process, String activity) {
        return browser.findElement(By.cssSelector(".bpmn-diagram[data-process='" + process + "'] "
                + "g.djs-element.active-step[data-element-id='" + activity + "']"));
    }

    private List<String> auditActions() {
        return browser.findElements(By.cssSelector("#auditEntries .audit-action")).stream().map(WebElement::getText).toList();
    }

    private void act(String button, String reason) {
        WebElement field = browser.findElement(By.id("actions:reason"));
        field.clear();
        field.sendKeys(reason);
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.id("actions:" + button)).click();
        waitUpTo(PAGE_DEADLINE).until(ConsoleBrowser.pageLeft(page));
        waitUpTo(PAGE_DEADLINE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.messages li")));
    }

    @Test
    void theAgreementPageDrawsItsProcessAndBalancesAndAnAdminSuspendsResumesAndTerminatesIt() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvedByBoth(id, wallet);
        // the setup fee and two hours of base fee
        driver.deposit(id, wallet, SETUP_FEE.add(BigInteger.valueOf(72_000)));
        driver.awaitStatus(id, "ACTIVE");
        driver.passTime(BILLING_INTERVAL + 5);
        driver.awaitBills(id, 1);

        openAsAdmin("/console/agreement.xhtml?id=" + id);

        // the page's facts
        assertThat(text("agreementId")).isEqualTo(id);
        assertThat(text("status")).isEqualTo("ACTIVE");
        assertThat(text("terms")).contains("baseFeePerHour").contains("36000");
        assertThat(text("parties")).contains(driver.wallet().address());
        assertThat(text("history")).contains("AWAITING_DEPOSIT").contains("ACTIVE");

        // the billing cycle drawn, waiting at its timer, which is highlighted
        awaitDiagramDrawn("billingCycle");
        assertThat(activeStep("billingCycle", "billDue").isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector(".bpmn-diagram[data-process='billingCycle'] g.djs-element.active-step")))
                .as("only the step it is at").hasSize(1);

        // the balances chart drawn, with the date the deposit runs out
        waitUpTo(PAGE_DEADLINE).until(ExpectedConditions.attributeToBe(By.id("balanceChart"), "data-state", "drawn"));
        WebElement chart = browser.findElement(By.id("balanceChart"));
        assertThat(chart.getSize().getWidth()).isGreaterThan(200);
        assertThat(chart.getSize().getHeight()).isGreaterThan(100);
        Object painted = console.script(
                "var c = arguments[0], d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false;", chart);
        assertThat(painted).as("the canvas has something drawn on it").isEqualTo(true);
        assertThat(text("outOfFundsAt")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
        assertThat(text("chartOutOfFundsAt")).isEqualTo(text("outOfFundsAt"));

        // bills and chain transactions listed
        List<WebElement> bills = browser.findElements(By.cssSelector("#billRows tr.bill"));
        assertThat(bills).hasSize(1);
        assertThat(bills.get(0).getText()).contains("PAID");
        List<WebElement> transactions = browser.findElements(By.cssSelector("#transactionRows tr.chain-transaction"));
        assertThat(transactions.stream().map(WebElement::getText)).anyMatch(t -> t.contains("bill-1"));
        assertThat(browser.findElements(By.cssSelector("#transactionRows .tx-hash")).stream().map(WebElement::getText))
                .allMatch(hash -> hash.matches("0x[0-9a-f]{64}"));
        assertThat(browser.findElements(By.cssSelector("#transactionRows .tx-state")).stream().map(WebElement::getText))
                .contains("CONFIRMED");
        assertThat(browser.findElements(By.cssSelector("#transactionRows .tx-gas")).stream().map(WebElement::getText))
                .allMatch(gas -> gas.matches("[1-9][0-9]*"));
        assertThat(browser.getPageSource()).doesNotContain("Exception").doesNotContain("at io.tollway");

        // an admin suspends it: through the suspension process, which then waits for the admin
        act("suspend", "abuse report 42");
        assertThat(text("messages")).contains("Suspension requested");
        awaitStatusShown(id, "SUSPENDED");
        awaitDiagramDrawn("agreementSuspension");
        assertThat(activeStep("agreementSuspension", "adminResumed").isDisplayed()).isTrue();
        assertThat(text("history")).contains("suspended by an admin: abuse report 42");
        assertThat(auditActions()).containsExactly("suspend", "approved");
        assertThat(text("auditEntries")).contains(ConsoleBrowser.ADMIN).contains("abuse report 42");
        waitUpTo(PAGE_DEADLINE).until(ExpectedConditions.attributeToBe(By.id("balanceChart"), "data-state", "drawn"));
        console.screenshot("agreement");

        // a second suspension is refused, and says why
        assertThat(browser.findElements(By.id("actions:suspend"))).as("offered only while ACTIVE").isEmpty();

        // the admin resumes it
        act("resume", "cleared");
        awaitStatusShown(id, "ACTIVE");
        assertThat(auditActions()).containsExactly("resume", "suspend", "approved");

        // the admin terminates it: the stop the API makes
        act("terminate", "provider asked by phone");
        JsonNode ended = driver.awaitTerminated(id, "STOPPED_BY_PROVIDER");
        assertThat(ended.at("/balances/onChain/status").asText()).isEqualTo("Stopped");
        awaitStatusShown(id, "TERMINATED");
        assertThat(text("terminationCause")).isEqualTo("STOPPED_BY_PROVIDER");
        assertThat(auditActions()).containsExactly("terminate", "resume", "suspend", "approved");
        assertThat(browser.findElements(By.id("adminActions"))).as("nothing left to do").isEmpty();
    }

    @Test
    void anUnknownAgreementIsAMessageNotAnErrorPage() {
        openAsAdmin("/console/agreement.xhtml?id=no-such-agreement");

        assertThat(text("messages")).contains("There is no agreement no-such-agreement.");
        assertThat(browser.getPageSource()).doesNotContain("Exception");
    }
}

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard's figures and the chain transactions page, as an admin sees them in a real headless Chromium. */
@ExtendWith(ArquillianExtension.class)
class ConsoleDashboardIT {

    private final Api api = new Api(TestEnvironment.baseUrl());

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @Test
    void theDashboardShowsTheFiguresOfTheDatabaseAndTheChain() {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);
            browser.open("/console/index.xhtml");

            assertThat(browser.text(By.id("agreementTotal"))).isEqualTo(Long.toString(Database.count("select count(*) from agreement")));
            for (String status : new String[] {"REQUESTED", "AWAITING_APPROVAL", "ACTIVE", "TERMINATED"}) {
                WebElement row = browser.find(By.cssSelector("#agreementsByStatus tr[data-status='" + status + "']"));
                assertThat(row.findElement(By.className("escrow")).getText()).as(status).isEqualTo(Long.toString(Database.count(
                        "select count(*) from agreement where status = ? and settlement_model = 'ESCROW'", status)));
                assertThat(row.findElement(By.className("channel")).getText()).as(status).isEqualTo(Long.toString(Database.count(
                        "select count(*) from agreement where status = ? and settlement_model = 'CHANNEL'", status)));
            }
            long head = Long.parseLong(browser.text(By.id("chainHead")));
            assertThat(head).isPositive();
            assertThat(Long.parseLong(browser.text(By.id("readerLag")))).isBetween(0L, head);
            assertThat(browser.text(By.id("inEscrow"))).matches("\\d+");
            assertThat(browser.text(By.id("earned"))).matches("\\d+");
            assertThat(browser.text(By.id("withdrawn"))).matches("\\d+");
            assertThat(browser.text(By.id("billsLastHour"))).matches("\\d+");
            assertThat(browser.text(By.id("openIncidents"))).matches("\\d+");
            assertThat(browser.text(By.id("pendingTransactions"))).matches("\\d+");
            assertThat(browser.text(By.id("health"))).contains("database", "processEngine", "chain", "UP");
            browser.screenshot("dashboard");
        }
    }

    @Test
    void chainTransactionsAreListedByStateWithFeeAndConfirmations() {
        String subject = "console-" + UUID.randomUUID();
        Api.Reply asked = api.post("/api/v1/test-support/chain/transfers", "{\"subject\":\"" + subject + "\",\"step\":\"pay\",\"to\":\""
                + "0x00000000000000000000000000000000000c0501" + "\",\"amount\":1}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> "CONFIRMED".equals(
                Database.value("select state from chain_transaction where subject = ?", subject)));
        String id = Database.value("select id from chain_transaction where subject = ?", subject);

        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);
            browser.open("/console/transactions.xhtml?state=CONFIRMED");
            WebElement row = browser.await(ExpectedConditions.presenceOfElementLocated(transaction(id)));
            assertThat(row.getText()).contains(subject, "pay", "CONFIRMED");
            assertThat(row.findElement(By.className("fee")).getText()).matches("[1-9]\\d*");
            assertThat(Long.parseLong(row.findElement(By.className("confirmations")).getText())).isPositive();
            assertThat(browser.findAll(By.cssSelector("tr.transaction"))).allMatch(t -> "CONFIRMED".equals(t.getAttribute("data-state")));

            browser.open("/console/transactions.xhtml?state=REVERTED");
            assertThat(browser.findAll(transaction(id))).isEmpty();
            browser.open("/console/transactions.xhtml");
            assertThat(browser.findAll(transaction(id))).hasSize(1);
        }
    }

    private static By transaction(String id) {
        return By.cssSelector("tr.transaction[data-id='" + id + "']");
    }
}

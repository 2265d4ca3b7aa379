package io.tollway.ear;

import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.ConsoleBrowser;
import io.tollway.ear.support.Database;
import io.tollway.ear.support.Deployments;
import io.tollway.wallet.ChainWallet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/** The approvers' task list in a real headless Chromium: claim, approve, reject with a reason, all audited. */
@ExtendWith(ArquillianExtension.class)
class ConsoleTasksIT {

    private static final String TASKS = "/console/tasks.xhtml";

    private final AgreementDriver driver = new AgreementDriver();

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @Test
    void anApproverApprovesFromTheTaskListAndTheAgreementMovesOn() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvalTaskOf(id);
        // the consumer has approved already (API and chain): the approver's decision is the last one missing
        Api.Reply consumerApproved = driver.consumer.post("/api/v1/agreements/" + id + "/approval",
                "{\"decision\":\"APPROVE\",\"termsHash\":\"" + driver.agreement(id).get("termsHash").asText() + "\"}");
        assertThat(consumerApproved.status()).as(consumerApproved.body()).isEqualTo(200);
        driver.sendWalletCalls(wallet, consumerApproved.json(), "approve");

        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleBrowser.APPROVER, ConsoleBrowser.APPROVER_PASSWORD);
            browser.reloadUntil(TASKS, ExpectedConditions.presenceOfElementLocated(task(id)));
            WebElement row = browser.find(task(id));
            assertThat(row.getText()).contains("Not claimed", "AWAITING_APPROVAL", "ESCROW", "demo-provider",
                    "baseFeePerHour", "36000", "setupFee", "1000");

            browser.click(row.findElement(By.cssSelector("input[id$=':claim']")));
            assertThat(browser.text(By.id("messages"))).contains("You claimed the task.");
            assertThat(browser.find(task(id)).getText()).contains("Claimed by you");
            browser.screenshot("task-list");

            browser.click(browser.find(task(id)).findElement(By.cssSelector("input[id$=':approve']")));
            assertThat(browser.text(By.id("messages"))).contains("Approved.");
            assertThat(browser.findAll(task(id))).as("the task is done").isEmpty();
        }

        assertThat(driver.awaitStatus(id, "AWAITING_DEPOSIT").get("providerApproved").asBoolean()).isTrue();
        assertThat(Database.column("select action from audit_entry where subject_type = 'agreement' and subject_id = ? and actor = 'approver'"
                + " order by id", id)).containsExactly("claimed approval task", "approved");
    }

    @Test
    void aRejectionNeedsAReason() {
        String id = driver.awaitingApproval(driver.publishedOffering(), driver.wallet());
        driver.approvalTaskOf(id);

        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleBrowser.APPROVER, ConsoleBrowser.APPROVER_PASSWORD);
            browser.reloadUntil(TASKS, ExpectedConditions.presenceOfElementLocated(task(id)));

            browser.click(browser.find(task(id)).findElement(By.cssSelector("input[id$=':reject']")));
            assertThat(browser.text(By.id("messages"))).contains("A rejection needs a reason. Nothing was decided.");
            assertThat(browser.find(task(id)).getText()).contains("AWAITING_APPROVAL");
            assertThat(driver.agreement(id).get("status").asText()).isEqualTo("AWAITING_APPROVAL");

            WebElement row = browser.find(task(id));
            row.findElement(By.cssSelector("textarea.reason")).sendKeys("fees too low for this region");
            browser.click(row.findElement(By.cssSelector("input[id$=':reject']")));
            assertThat(browser.text(By.id("messages"))).contains("Rejected.");
            assertThat(browser.findAll(task(id))).isEmpty();
        }

        assertThat(driver.awaitTerminated(id, "REJECTED")).isNotNull();
        assertThat(Database.value("select detail from audit_entry where subject_type = 'agreement' and subject_id = ? and action = 'rejected'"
                + " and actor = 'approver'", id)).isEqualTo("fees too low for this region");
    }

    @Test
    void aTaskPastItsDueDateIsShownOverdueAndEscalated() {
        String id = driver.awaitingApproval(driver.publishedOffering(), driver.wallet());
        driver.approvalTaskOf(id);

        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleBrowser.APPROVER, ConsoleBrowser.APPROVER_PASSWORD);
            browser.reloadUntil(TASKS, ExpectedConditions.presenceOfElementLocated(task(id)));
            assertThat(browser.find(task(id)).getText()).doesNotContain("Overdue");

            driver.passTime(3 * 24 * 3600); // the approval is due after two days; its escalation timer fires then
            browser.reloadUntil(TASKS, ExpectedConditions.textToBePresentInElementLocated(task(id), "Overdue: escalated to the admins"));
            assertThat(browser.find(task(id)).getAttribute("class")).contains("overdue");
        }
    }

    private static By task(String agreementId) {
        return By.cssSelector("article.task[data-agreement='" + agreementId + "']");
    }
}

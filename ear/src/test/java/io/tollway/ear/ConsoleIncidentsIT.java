package io.tollway.ear;

import io.tollway.ear.support.Api;
import io.tollway.ear.support.ConsoleBrowser;
import io.tollway.ear.support.Database;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.TestEnvironment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An incident shown with its error (no stack trace) and retried from the console, in a real headless Chromium. */
@ExtendWith(ArquillianExtension.class)
class ConsoleIncidentsIT {

    private static final String INCIDENTS = "/console/incidents.xhtml";

    private final Api api = new Api(TestEnvironment.baseUrl());

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @AfterEach
    void disarmFaults() {
        api.delete("/api/v1/test-support/faults");
    }

    @Test
    void anIncidentIsRetriedFromTheConsoleAndItsProcessGoesOn() {
        // publishing fails three times: the job's retries are used up and it becomes an incident
        String id = api.submitOffering("incident " + UUID.randomUUID());
        api.armFault("offering.published:" + id, 3);
        api.post("/api/v1/review-tasks/" + api.reviewTaskOf(id) + "/decision", "{\"approved\":true}");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(Database.count(
                "select count(distinct i.id_) from act_ru_incident i join act_ru_execution e on e.proc_inst_id_ = i.proc_inst_id_"
                        + " where e.business_key_ = ?", id)).isEqualTo(1));
        // the fault is spent: one more attempt succeeds
        api.delete("/api/v1/test-support/faults");

        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);
            browser.open(INCIDENTS);
            WebElement row = browser.await(ExpectedConditions.presenceOfElementLocated(incidentOf(id)));
            assertThat(row.getText()).contains("offeringReview", "publishOffering", "offering " + id,
                    "injected fault at offering.published:" + id);
            assertThat(browser.pageText()).as("the error's message, never its stack trace").doesNotContain("\tat ", "at io.tollway.",
                    "Exception:");
            browser.screenshot("incidents");

            browser.click(row.findElement(By.cssSelector("input[id$=':retryButton']")));
            assertThat(browser.text(By.id("messages"))).contains("retried: its job runs again now.");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api.offering(id).get("status").asText()).isEqualTo("PUBLISHED"));
            browser.open(INCIDENTS);
            assertThat(browser.findAll(incidentOf(id))).as("resolved: no longer listed").isEmpty();
        }

        assertThat(Database.column("select actor from audit_entry where subject_type = 'offering' and subject_id = ?"
                + " and action = 'retried incident'", id)).containsExactly("admin");
    }

    private static By incidentOf(String subject) {
        return By.cssSelector("tr.incident[data-subject='" + subject + "']");
    }
}

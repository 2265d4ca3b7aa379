package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.Database;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.TestEnvironment;
import io.tollway.wallet.ChainWallet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Engine state and Tollway's rows commit or roll back together, on the deployed EAR, GlassFish
 * and PostgreSQL: in a request's transaction, in the transactions the engine begins itself (timer
 * jobs, async continuations, failed-job handling) and on user-task completion.
 *
 * <p>"Together" is checked in PostgreSQL itself: rows written by one transaction carry its id in
 * {@code xmin}, so the offering's row and the engine's history row of its process instance must
 * carry the same one.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionAtomicityIT {

    private static final Duration PAST_REVIEW_DEADLINE = Duration.ofDays(8);
    /** Job log states of the engine's history (act_hi_job_log.job_state_). */
    private static final int FAILED = 1;
    private static final int SUCCESSFUL = 2;

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
    void serviceTaskThatWritesAndThenFailsLeavesNeitherTheRowNorTheProcessInstance() {
        long offeringsBefore = Database.count("select count(*) from offering");
        long instancesBefore = Database.count("select count(*) from act_hi_procinst");
        api.armFault("offering.review-opened", 1);
        String name = "doomed " + UUID.randomUUID();

        Api.Reply reply = api.post("/api/v1/offerings", Api.escrowOffering(name));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().get("type").asText()).endsWith("/internal-error");
        assertThat(reply.body()).doesNotContain("InjectedFault").doesNotContain("at io.tollway");
        assertThat(Database.count("select count(*) from offering where name = ?", name)).isZero();
        assertThat(Database.count("select count(*) from offering")).isEqualTo(offeringsBefore);
        assertThat(Database.count("select count(*) from act_hi_procinst")).isEqualTo(instancesBefore);
        // the same request without the fault goes through: the fault was the only reason
        String id = api.submitOffering(name);
        assertThat(api.offering(id).get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(Database.count("select count(*) from act_ru_execution where business_key_ = ?", id)).isEqualTo(1);
    }

    @Test
    void timerJobCommitsTheOfferingAndTheEngineStateInOneTransaction() {
        String id = api.submitOffering("timer " + UUID.randomUUID());

        api.moveEngineClock(PAST_REVIEW_DEADLINE);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.offering(id).get("status").asText()).isEqualTo("EXPIRED"));
        assertThat(api.offering(id).get("activeSteps")).isEmpty();
        assertCommittedTogether(id);
    }

    @Test
    void failingTimerJobRollsBackItsWritesAndRetriesUntilItSucceeds() {
        String id = api.submitOffering("retried timer " + UUID.randomUUID());
        api.armFault("offering.expired:" + id, 2);

        api.moveEngineClock(PAST_REVIEW_DEADLINE);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.offering(id).get("status").asText()).isEqualTo("EXPIRED"));
        String instance = processInstanceOf(id);
        // two failures, each rolled back and each taking one retry, then the success
        assertThat(Database.column("select job_retries_ from act_hi_job_log where process_instance_id_ = ?"
                + " and job_def_type_ = 'timer-transition' and job_state_ = " + FAILED + " order by sequence_counter_", instance))
                .containsExactly("3", "2");
        assertThat(Database.column("select job_exception_msg_ from act_hi_job_log where process_instance_id_ = ?"
                + " and job_state_ = " + FAILED, instance)).allMatch(message -> message.contains("injected fault"));
        assertThat(Database.count("select count(*) from act_hi_job_log where process_instance_id_ = ?"
                + " and job_def_type_ = 'timer-transition' and job_state_ = " + SUCCESSFUL, instance)).isEqualTo(1);
        assertCommittedTogether(id);
    }

    @Test
    void timerJobThatKeepsFailingLeavesTheOfferingUntouchedAndRaisesAnIncident() {
        String id = api.submitOffering("failing timer " + UUID.randomUUID());
        api.armFault("offering.expired:" + id, 3);

        api.moveEngineClock(PAST_REVIEW_DEADLINE);

        String instance = processInstanceOf(id);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Database.column("select incident_msg_ from act_ru_incident where proc_inst_id_ = ?", instance))
                        .singleElement().asString().contains("injected fault at offering.expired:" + id));
        assertThat(Database.value("select retries_ from act_ru_job where process_instance_id_ = ?", instance)).isEqualTo("0");
        JsonNode offering = api.offering(id);
        assertThat(offering.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(offering.get("activeSteps").toString()).contains("reviewOffering");
    }

    @Test
    void asyncContinuationCommitsThePublicationAndTheEngineStateInOneTransaction() {
        String id = api.submitOffering("async " + UUID.randomUUID());

        assertThat(api.post("/api/v1/review-tasks/" + api.reviewTaskOf(id) + "/decision", "{\"approved\":true}").status())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.offering(id).get("status").asText()).isEqualTo("PUBLISHED"));
        assertCommittedTogether(id);
    }

    @Test
    void asyncContinuationThatKeepsFailingRollsBackAndRaisesAnIncident() {
        String id = api.submitOffering("failing async " + UUID.randomUUID());
        api.armFault("offering.published:" + id, 3);

        api.post("/api/v1/review-tasks/" + api.reviewTaskOf(id) + "/decision", "{\"approved\":true}");

        String instance = processInstanceOf(id);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Database.count("select count(*) from act_ru_incident where proc_inst_id_ = ?", instance)).isEqualTo(1));
        assertThat(Database.column("select job_retries_ from act_hi_job_log where process_instance_id_ = ?"
                + " and job_def_type_ = 'async-continuation' and job_state_ = " + FAILED + " order by sequence_counter_", instance))
                .containsExactly("3", "2", "1");
        assertThat(Database.value("select incident_msg_ from act_ru_incident where proc_inst_id_ = ?", instance))
                .contains("injected fault at offering.published:" + id);
        JsonNode offering = api.offering(id);
        assertThat(offering.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(offering.get("activeSteps").toString()).contains("publishOffering");
    }

    @Test
    void userTaskCompletionCommitsTheDecisionAndItsStepAtomically() {
        String id = api.submitOffering("rejected " + UUID.randomUUID());
        String task = api.reviewTaskOf(id);
        api.armFault("offering.rejected:" + id, 1);

        Api.Reply failed = api.post("/api/v1/review-tasks/" + task + "/decision", "{\"approved\":false,\"reason\":\"no terms\"}");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(api.offering(id).get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(api.reviewTaskOf(id)).isEqualTo(task);

        Api.Reply decided = api.post("/api/v1/review-tasks/" + task + "/decision", "{\"approved\":false,\"reason\":\"no terms\"}");

        assertThat(decided.status()).isEqualTo(204);
        JsonNode offering = api.offering(id);
        assertThat(offering.get("status").asText()).isEqualTo("REJECTED");
        assertThat(offering.get("decisionReason").asText()).isEqualTo("no terms");
        assertCommittedTogether(id);
    }

    @Test
    void rejectionWithoutAReasonIsRefusedAndChangesNothing() {
        String id = api.submitOffering("no reason " + UUID.randomUUID());
        String task = api.reviewTaskOf(id);

        Api.Reply reply = api.post("/api/v1/review-tasks/" + task + "/decision", "{\"approved\":false}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(api.reviewTaskOf(id)).isEqualTo(task);
        assertThat(api.offering(id).get("status").asText()).isEqualTo("IN_REVIEW");
    }

    /**
     * The chain event reader's transaction, on its own thread: the event's row, the reader's cursor,
     * the process step it started and the agreement's change commit together. A failure after the
     * setup process moved on the deposit rolls all of it back, and the reader reads the event again.
     * (The engine's history rows cannot show the shared transaction here: the setup process ends
     * once the agreement is active, which rewrites them with their removal time.)
     */
    @Test
    void chainEventWhoseHandlingFailsIsReadAgainAndNothingOfTheFailedTryIsKept() {
        AgreementDriver driver = new AgreementDriver();
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvedByBoth(id, wallet);
        String onChainId = driver.agreement(id).get("onChainId").asText();
        String point = "chainEvent.handled.DepositMade:" + onChainId;
        api.armFault(point, 1);

        driver.deposit(id, wallet, AgreementDriver.SETUP_FEE.add(BigInteger.valueOf(72_000)));

        driver.awaitStatus(id, "ACTIVE");
        assertThat(api.get("/api/v1/test-support/faults?point=" + URLEncoder.encode(point, StandardCharsets.UTF_8)).json()
                .get(point).asInt()).as("the armed failure fired").isZero();
        assertThat(Database.column("select to_status from agreement_status_change where agreement_id = ? order by position", id))
                .containsExactly("REQUESTED", "AWAITING_APPROVAL", "AWAITING_DEPOSIT", "PROVISIONING", "ACTIVE");
        // read again after the rollback, recorded once
        assertThat(Database.count("select count(*) from chain_event where name = 'DepositMade' and subject = ?", onChainId)).isEqualTo(1);
    }

    private static String processInstanceOf(String offeringId) {
        return Database.value("select id_ from act_hi_procinst where business_key_ = ?", offeringId);
    }

    /** The offering's last write and the end of its process instance share one transaction id. */
    private static void assertCommittedTogether(String offeringId) {
        String offeringTransaction = Database.value("select xmin::text from offering where id = ?", offeringId);
        String engineTransaction = Database.value("select xmin::text from act_hi_procinst where business_key_ = ? and end_time_ is not null", offeringId);
        assertThat(engineTransaction).as("the process instance ended").isNotNull();
        assertThat(offeringTransaction).isEqualTo(engineTransaction);
    }
}

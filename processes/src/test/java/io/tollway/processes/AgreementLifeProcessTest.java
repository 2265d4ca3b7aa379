package io.tollway.processes;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The five agreement processes together, with every delegate mocked: which steps run in which
 * order, where the processes wait, and how one process hands over to the next. The delegates'
 * own behaviour is tested against the real EAR.
 */
@Deployment(resources = {"processes/chain-transaction.bpmn", "processes/agreement-setup.bpmn", "processes/agreement-approval.bpmn",
        "processes/billing-cycle.bpmn", "processes/agreement-suspension.bpmn", "processes/agreement-termination.bpmn"})
class AgreementLifeProcessTest {

    private static final String AGREEMENT = "agreement-1";

    /**
     * Jobs one escrow bill takes: each costs the engine a transaction, so the billing cycle has
     * only the boundaries it needs (a round of the benchmark is mostly its jobs' statements).
     */
    private static final int JOBS_PER_BILL = 2;
    private static final List<String> DELEGATES = List.of("recordEscrowIdDelegate", "expectDepositDelegate", "checkDepositDelegate",
            "provisionServiceDelegate", "checkProvisioningDelegate", "handOverCredentialsDelegate", "startBillingDelegate",
            "startTerminationDelegate", "openApprovalDelegate", "escalateApprovalDelegate", "recordProviderApprovalDelegate",
            "checkApprovalDelegate", "recordRejectionDelegate", "prepareBillDelegate", "submitBillDelegate", "recordBillDelegate",
            "startSuspensionDelegate", "suspendServiceDelegate", "checkPaymentDelegate", "resumeServiceDelegate",
            "beginTerminationDelegate", "deprovisionServiceDelegate", "recordSettlementDelegate", "checkChannelOfferingDelegate",
            "reviewChannelDelegate");

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    /** Public getters: the processes read them as ${agreementTimes.recheck} etc. */
    public static final class Times {
        public String getRecheck() { return "PT1M"; }
        public String getApprovalEscalation() { return "P2D"; }
        public String getBillingInterval() { return "PT15M"; }
        public String getRetryCycle() { return "R3/PT1S"; }
    }

    private RuntimeService runtime;
    private TaskService tasks;
    private ManagementService management;
    private final List<String> steps = new ArrayList<>();
    private final List<String> chainCalls = new ArrayList<>();
    private final Map<String, Consumer<DelegateExecution>> behaviour = new HashMap<>();
    private final List<String> terminationCauses = new ArrayList<>();
    private String settlementModel = "ESCROW";

    @BeforeEach
    void mocks() {
        runtime = engine.getProcessEngine().getRuntimeService();
        tasks = engine.getProcessEngine().getTaskService();
        management = engine.getProcessEngine().getManagementService();
        ClockUtil.setCurrentTime(new Date());
        Mocks.register("agreementTimes", new Times());
        for (String name : DELEGATES) {
            Mocks.register(name, (JavaDelegate) execution -> {
                steps.add(execution.getCurrentActivityId());
                behaviour.getOrDefault(name, e -> { }).accept(execution);
            });
        }
        Mocks.register("requestChainTransactionDelegate", (JavaDelegate) execution -> {
            execution.setVariable("chainTransactionId", 7L);
            execution.setVariable("chainTransactionState", "CONFIRMED");
        });
        Mocks.register("agreementChainCalls", new DelegateVariableMapping() {
            @Override
            public void mapInputVariables(DelegateExecution superExecution, VariableMap subVariables) {
                chainCalls.add(superExecution.getCurrentActivityId());
            }

            @Override
            public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
                superExecution.setVariable("chainTransactionState", subInstance.getVariable("chainTransactionState"));
            }
        });
        // the hand-overs between processes, as the real delegates make them
        behaviour.put("startTerminationDelegate", e -> {
            terminationCauses.add((String) e.getVariable("cause"));
            start(ProcessModels.AGREEMENT_TERMINATION, Map.of("cause", e.getVariable("cause")));
        });
        behaviour.put("startBillingDelegate", e -> start(ProcessModels.BILLING_CYCLE, Map.of()));
        behaviour.put("startSuspensionDelegate", e -> start(ProcessModels.AGREEMENT_SUSPENSION, Map.of()));
        behaviour.put("beginTerminationDelegate", e -> {
            e.setVariable("provisioned", true);
            e.setVariable("escrowAction", "STOP");
            runtime.createMessageCorrelation("agreementTerminating").processInstanceBusinessKey(AGREEMENT).correlateAll();
        });
        behaviour.put("openApprovalDelegate", e -> {
            e.setVariable("approvalDue", later(Duration.ofDays(2)));
            e.setVariable("approvalDeadline", later(Duration.ofDays(14)));
        });
        behaviour.put("expectDepositDelegate", e -> e.setVariable("depositDeadline", later(Duration.ofDays(1))));
        behaviour.put("checkDepositDelegate", e -> e.setVariable("depositMade", false));
        behaviour.put("checkApprovalDelegate", e -> e.setVariable("bothApproved", false));
        behaviour.put("provisionServiceDelegate", e -> e.setVariable("provisioningDeadline", later(Duration.ofHours(1))));
        behaviour.put("checkProvisioningDelegate", e -> e.setVariable("provisioningReported", false));
        behaviour.put("recordBillDelegate", e -> {
            e.setVariable("outOfFunds", false);
            e.setVariable("lowBalance", false);
            e.setVariable("suspended", false);
        });
        behaviour.put("submitBillDelegate", e -> {
            e.setVariable("chainTransactionId", 7L);
            e.setVariable("chainTransactionState", "CONFIRMED");
        });
        behaviour.put("suspendServiceDelegate", e -> e.setVariable("suspensionDeadline", later(Duration.ofDays(1))));
        behaviour.put("checkPaymentDelegate", e -> e.setVariable("paid", false));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    private static Date later(Duration duration) {
        return new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis());
    }

    private void start(String process, Map<String, Object> variables) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put("agreementId", AGREEMENT);
        all.put("onChainId", "1");
        all.put("settlementModel", settlementModel);
        runtime.startProcessInstanceByKey(process, AGREEMENT, all);
    }

    /** Runs every job that is due now, including those the jobs create, until none is left; answers how many ran. */
    private int runDueJobs() {
        for (int round = 0; round < 200; round++) {
            // one at a time: a job may delete others (the timers of an event gateway it passed)
            List<Job> due = management.createJobQuery().executable().listPage(0, 1);
            if (due.isEmpty()) {
                return round;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("jobs keep coming");
    }

    private int passTime(Duration duration) {
        ClockUtil.setCurrentTime(later(duration));
        return runDueJobs();
    }

    private List<String> waitingAt(String process) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(process).processInstanceBusinessKey(AGREEMENT).active().list()
                .stream().flatMap(instance -> runtime.getActiveActivityIds(instance.getId()).stream()).toList();
    }

    private ProcessInstance requested() {
        start(ProcessModels.AGREEMENT_SETUP, Map.of());
        runDueJobs();
        return runtime.createProcessInstanceQuery().processDefinitionKey(ProcessModels.AGREEMENT_SETUP).singleResult();
    }

    private Task approvalTask() {
        return tasks.createTaskQuery().taskCandidateGroup("approvers").processInstanceBusinessKey(AGREEMENT).singleResult();
    }

    private void approverDecides(boolean approved) {
        tasks.complete(approvalTask().getId(), Map.of("approved", approved, "reason", approved ? "fine" : "terms too low"));
        runDueJobs();
    }

    /** From the request to the wait for the deposit: chain set-up, both approvals. */
    private void approvedByBoth() {
        requested();
        assertThat(chainCalls).containsExactly("createEscrowAgreement", "setEscrowTerms", "setEscrowMetadata");
        assertThat(approvalTask()).isNotNull();
        approverDecides(true);
        assertThat(chainCalls).endsWith("approveOnChain");
        assertThat(waitingAt(ProcessModels.AGREEMENT_APPROVAL)).contains("awaitApproval");
        behaviour.put("checkApprovalDelegate", e -> e.setVariable("bothApproved", true));
        runtime.createMessageCorrelation("chainEvent.AgreementApproved").processInstanceBusinessKey(AGREEMENT).correlateAll();
        runDueJobs();
        assertThat(waitingAt(ProcessModels.AGREEMENT_SETUP)).contains("awaitDeposit");
    }

    private void active() {
        approvedByBoth();
        provisionedAndBilling();
    }

    private void provisionedAndBilling() {
        behaviour.put("checkDepositDelegate", e -> e.setVariable("depositMade", true));
        runtime.createMessageCorrelation("chainEvent.DepositMade").processInstanceBusinessKey(AGREEMENT).correlateAll();
        runDueJobs();
        assertThat(steps).contains("provisionService");
        assertThat(waitingAt(ProcessModels.AGREEMENT_SETUP)).contains("awaitProvisioning");
        behaviour.put("checkProvisioningDelegate", e -> {
            e.setVariable("provisioningReported", true);
            e.setVariable("provisioned", true);
        });
        runtime.createMessageCorrelation("provisioningReported").processInstanceBusinessKey(AGREEMENT).correlateAll();
        runDueJobs();
        assertThat(steps).contains("handOverCredentials", "startBilling");
        assertThat(waitingAt(ProcessModels.AGREEMENT_SETUP)).isEmpty();
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");
    }

    @Test
    void anApprovedAndFundedAgreementIsProvisionedAndBilledAtEachInterval() {
        active();

        // the timer's job with the preparation and the bill's request to the gateway, the record's
        assertThat(passTime(Duration.ofMinutes(15))).as("jobs of one bill").isEqualTo(JOBS_PER_BILL);
        passTime(Duration.ofMinutes(15));

        assertThat(steps.stream().filter("submitBill"::equals)).hasSize(2);
        assertThat(steps.stream().filter("recordBill"::equals)).hasSize(2);
        assertThat(chainCalls).as("a bill is no chainTransaction call activity").doesNotContain("submitBill");
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");
    }

    @Test
    void aPreparationThatFailsRollsBackToTheTimerWhoseRetriesEndInAnIncidentThatAnOperatorRetries() {
        active();
        List<String> failures = new ArrayList<>();
        behaviour.put("prepareBillDelegate", e -> {
            failures.add(e.getCurrentActivityId());
            throw new IllegalStateException("the node does not answer");
        });
        ClockUtil.setCurrentTime(later(Duration.ofMinutes(15)));

        // the retry cycle R3/PT1S: three attempts a second apart, each rolled back to the timer
        for (int attempt = 1; attempt <= 3; attempt++) {
            String timer = billingTimer().getId();
            assertThatThrownBy(() -> management.executeJob(timer)).hasMessageContaining("the node does not answer");
            ClockUtil.setCurrentTime(later(Duration.ofSeconds(1)));
        }

        assertThat(failures).containsExactly("prepareBill", "prepareBill", "prepareBill");
        assertThat(steps).doesNotContain("submitBill", "recordBill");
        assertThat(runDueJobs()).as("nothing runs once the retries are used up").isZero();
        assertThat(runtime.createIncidentQuery().singleResult().getActivityId()).isEqualTo("billDue");
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");

        // the node answers again and an operator retries the job (the console's retry)
        behaviour.remove("prepareBillDelegate");
        management.setJobRetries(billingTimer().getId(), 1);
        assertThat(runDueJobs()).isEqualTo(JOBS_PER_BILL);
        assertThat(steps).contains("submitBill", "recordBill");
        assertThat(runtime.createIncidentQuery().count()).isZero();
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");
    }

    private Job billingTimer() {
        return management.createJobQuery().processDefinitionKey(ProcessModels.BILLING_CYCLE).activityId("billDue").singleResult();
    }

    @Test
    void aBillWaitsForItsTransactionAndIsRecordedWhenTheGatewayAnnouncesIt() {
        active();
        behaviour.put("submitBillDelegate", e -> {
            e.setVariable("chainTransactionId", 8L);
            e.setVariable("chainTransactionState", "PENDING");
        });
        passTime(Duration.ofMinutes(15));
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billOnChain");
        assertThat(steps).doesNotContain("recordBill");

        // another transaction's outcome does not end the wait
        assertThat(runtime.createMessageCorrelation("chainTransaction-7").correlateAllWithResult()).isEmpty();
        runtime.createMessageCorrelation("chainTransaction-8")
                .setVariables(Map.of("chainTransactionState", "CONFIRMED", "chainTransactionHash", "0xabc", "chainTransactionId", 9L))
                .correlateAll();
        assertThat(runDueJobs()).as("the record's job").isEqualTo(1);

        assertThat(steps.stream().filter("recordBill"::equals)).hasSize(1);
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");
    }

    @Test
    void aDepositThatCameBeforeTheWaitIsFoundByLookingAgain() {
        approvedByBoth();
        // the event was announced while nobody waited: the next look at the chain finds it
        behaviour.put("checkDepositDelegate", e -> e.setVariable("depositMade", true));
        passTime(Duration.ofMinutes(1));
        assertThat(steps).contains("provisionService");
    }

    @Test
    void theApproversRejectionEndsTheAgreementAsRejected() {
        requested();
        approverDecides(false);

        assertThat(steps).contains("recordRejection", "rejectedTermination", "beginTermination", "recordSettlement");
        assertThat(chainCalls).doesNotContain("approveOnChain");
        assertThat(waitingAt(ProcessModels.AGREEMENT_SETUP)).isEmpty();
        assertThat(waitingAt(ProcessModels.AGREEMENT_APPROVAL)).isEmpty();
    }

    @Test
    void theConsumersRejectionEndsTheApprovalWhereverItIs() {
        requested();
        runtime.createMessageCorrelation("consumerRejected").processInstanceBusinessKey(AGREEMENT).correlate();
        runDueJobs();

        assertThat(approvalTask()).isNull();
        assertThat(steps).contains("recordConsumerRejection", "rejectedTermination", "beginTermination");
    }

    @Test
    void changedTermsAreSetOnChainAndTheApprovalStartsAgain() {
        requested();
        String firstTask = approvalTask().getId();
        runtime.createMessageCorrelation("termsChanged").processInstanceBusinessKey(AGREEMENT).correlate();
        runDueJobs();

        assertThat(chainCalls).endsWith("changeEscrowTerms");
        assertThat(approvalTask().getId()).isNotEqualTo(firstTask);
    }

    /**
     * After the approver's approval (already on chain) the terms change: the waiting approval ends,
     * the new terms go on chain, and a new approval asks the approver again. While the new terms are
     * on their way nobody waits for another change, which the API then refuses (TermsChange).
     */
    @Test
    void changedTermsAfterTheApproversApprovalAskTheApproverAgain() {
        requested();
        approverDecides(true);
        assertThat(waitingAt(ProcessModels.AGREEMENT_APPROVAL)).contains("awaitApproval");

        assertThat(runtime.createMessageCorrelation("termsChanged").processInstanceBusinessKey(AGREEMENT).correlateAllWithResult())
                .hasSize(1);
        assertThat(waitingAt(ProcessModels.AGREEMENT_APPROVAL)).as("the open approval ended").isEmpty();
        assertThat(runtime.createMessageCorrelation("termsChanged").processInstanceBusinessKey(AGREEMENT).correlateAllWithResult())
                .as("a second change while the first goes on chain").isEmpty();
        runDueJobs();

        assertThat(chainCalls).endsWith("approveOnChain", "changeEscrowTerms");
        assertThat(approvalTask()).as("a new task for the new terms").isNotNull();
        approverDecides(true);
        assertThat(chainCalls).endsWith("changeEscrowTerms", "approveOnChain");
        assertThat(steps.stream().filter("recordProviderApproval"::equals)).hasSize(2);
    }

    @Test
    void anOverdueApprovalIsEscalatedAndStaysOpen() {
        requested();
        passTime(Duration.ofDays(2).plusMinutes(1));

        assertThat(steps).contains("escalateApproval");
        assertThat(approvalTask()).isNotNull();
    }

    @Test
    void noDepositBeforeTheDeadlineEndsTheAgreement() {
        approvedByBoth();
        for (int i = 0; i < 3; i++) {
            passTime(Duration.ofHours(9));
        }
        assertThat(steps).contains("depositTimedOut", "beginTermination");
        assertThat(steps).doesNotContain("provisionService");
    }

    @Test
    void aFailedProvisioningEndsTheAgreement() {
        approvedByBoth();
        behaviour.put("checkDepositDelegate", e -> e.setVariable("depositMade", true));
        behaviour.put("checkProvisioningDelegate", e -> {
            e.setVariable("provisioningReported", true);
            e.setVariable("provisioned", false);
        });
        runtime.createMessageCorrelation("chainEvent.DepositMade").processInstanceBusinessKey(AGREEMENT).correlateAll();
        runDueJobs();

        assertThat(steps).contains("provisioningFailed", "beginTermination", "deprovisionService");
        assertThat(steps).doesNotContain("startBilling");
    }

    @Test
    void aBillTheDepositCannotCoverEndsBillingAndTerminates() {
        active();
        behaviour.put("recordBillDelegate", e -> {
            e.setVariable("outOfFunds", true);
            e.setVariable("lowBalance", true);
            e.setVariable("suspended", false);
        });
        passTime(Duration.ofMinutes(15));

        assertThat(steps).contains("outOfFunds", "beginTermination", "deprovisionService", "recordSettlement");
        assertThat(chainCalls).endsWith("endEscrow");
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).isEmpty();
    }

    @Test
    void aLowBalanceSuspendsUntilATopUpResumesAndBillingGoesOn() {
        active();
        behaviour.put("recordBillDelegate", e -> {
            e.setVariable("outOfFunds", false);
            e.setVariable("lowBalance", true);
            e.setVariable("suspended", false);
        });
        passTime(Duration.ofMinutes(15));
        assertThat(steps).contains("startSuspension", "suspendService");
        assertThat(waitingAt(ProcessModels.AGREEMENT_SUSPENSION)).contains("awaitPayment");
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");

        behaviour.put("checkPaymentDelegate", e -> e.setVariable("paid", true));
        runtime.createMessageCorrelation("chainEvent.DepositMade").processInstanceBusinessKey(AGREEMENT).correlateAll();
        runDueJobs();

        assertThat(steps).contains("resumeService");
        assertThat(waitingAt(ProcessModels.AGREEMENT_SUSPENSION)).isEmpty();
    }

    @Test
    void aSuspensionPastItsGraceTerminatesTheAgreementAndStopsBilling() {
        active();
        behaviour.put("recordBillDelegate", e -> {
            e.setVariable("outOfFunds", false);
            e.setVariable("lowBalance", true);
            e.setVariable("suspended", true);
        });
        start(ProcessModels.AGREEMENT_SUSPENSION, Map.of());
        runDueJobs();
        passTime(Duration.ofHours(25));

        assertThat(steps).contains("suspendedTooLong", "beginTermination");
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).isEmpty();
        assertThat(waitingAt(ProcessModels.AGREEMENT_SUSPENSION)).isEmpty();
    }

    /** An admin suspends from the console: the suspension process starts by its message, keyed by the agreement. */
    private void adminSuspends(String reason) {
        runtime.createMessageCorrelation("adminSuspend").processInstanceBusinessKey(AGREEMENT)
                .setVariables(Map.of("agreementId", AGREEMENT, "onChainId", "1", "settlementModel", settlementModel,
                        "suspensionReason", reason))
                .correlateStartMessage();
        runDueJobs();
    }

    @Test
    void anAdminSuspendsUntilTheAdminResumesWithoutADeadlineWhileBillingGoesOn() {
        active();
        List<String> reasons = new ArrayList<>();
        behaviour.put("suspendServiceDelegate", e -> reasons.add((String) e.getVariable("suspensionReason")));

        adminSuspends("abuse report #12");

        assertThat(steps).contains("adminSuspendService").doesNotContain("checkPayment");
        assertThat(reasons).containsExactly("abuse report #12");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProcessModels.AGREEMENT_SUSPENSION).singleResult()
                .getBusinessKey()).isEqualTo(AGREEMENT);
        assertThat(waitingAt(ProcessModels.AGREEMENT_SUSPENSION)).containsExactly("adminResumed");
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");

        // a top-up does not lift an admin's suspension, and no grace period ends it
        runtime.createMessageCorrelation("chainEvent.DepositMade").processInstanceBusinessKey(AGREEMENT).correlateAll();
        passTime(Duration.ofDays(3));
        assertThat(steps).doesNotContain("resumeService", "suspendedTooLong");
        assertThat(waitingAt(ProcessModels.AGREEMENT_SUSPENSION)).containsExactly("adminResumed");
        assertThat(steps).contains("prepareBill");

        assertThat(runtime.createMessageCorrelation("adminResume").processInstanceBusinessKey(AGREEMENT).correlateAllWithResult())
                .hasSize(1);
        runDueJobs();

        assertThat(steps).contains("resumeService");
        assertThat(waitingAt(ProcessModels.AGREEMENT_SUSPENSION)).isEmpty();
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");
    }

    @Test
    void aLowBalanceSuspensionIsNotLiftedByAnAdminsResume() {
        active();
        start(ProcessModels.AGREEMENT_SUSPENSION, Map.of());
        runDueJobs();
        assertThat(waitingAt(ProcessModels.AGREEMENT_SUSPENSION)).contains("awaitPayment");

        assertThat(runtime.createMessageCorrelation("adminResume").processInstanceBusinessKey(AGREEMENT).correlateAllWithResult())
                .isEmpty();
        assertThat(steps).doesNotContain("resumeService");
    }

    @Test
    void terminatingEndsAnAdminsSuspension() {
        active();
        adminSuspends("fraud check");

        start(ProcessModels.AGREEMENT_TERMINATION, Map.of("cause", "STOPPED_BY_PROVIDER"));
        runDueJobs();

        assertThat(waitingAt(ProcessModels.AGREEMENT_SUSPENSION)).isEmpty();
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).isEmpty();
        assertThat(steps).contains("deprovisionService", "recordSettlement").doesNotContain("resumeService");
    }

    @Test
    void aStopDuringBillingEndsTheCycleAndSettlesOnChain() {
        active();
        start(ProcessModels.AGREEMENT_TERMINATION, Map.of("cause", "STOPPED_BY_CONSUMER"));
        runDueJobs();

        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).isEmpty();
        assertThat(steps).contains("deprovisionService", "recordSettlement");
        assertThat(chainCalls).endsWith("endEscrow");
    }

    // ---------------------------------------------------------------- payment channels

    /** A channel agreement from the request to the wait for its channel: offering registered once, approvals off chain. */
    private void channelApprovedByBoth() {
        settlementModel = "CHANNEL";
        behaviour.put("checkChannelOfferingDelegate", e -> e.setVariable("offeringOnChain", false));
        requested();
        assertThat(chainCalls).containsExactly("allowChannelStake", "registerChannelOffering");
        approverDecides(true);
        assertThat(chainCalls).doesNotContain("approveOnChain", "createEscrowAgreement");
        assertThat(steps).contains("recordProviderApproval", "checkApproval");
        behaviour.put("checkApprovalDelegate", e -> e.setVariable("bothApproved", true));
        runtime.createMessageCorrelation("chainEvent.AgreementApproved").processInstanceBusinessKey(AGREEMENT).correlateAll();
        runDueJobs();
        assertThat(waitingAt(ProcessModels.AGREEMENT_SETUP)).contains("awaitDeposit");
    }

    @Test
    void aChannelAgreementRegistersItsOfferingAndIsApprovedWithoutAnEscrow() {
        channelApprovedByBoth();
    }

    @Test
    void aChannelOfferingOnChainAlreadyIsNotRegisteredAgain() {
        settlementModel = "CHANNEL";
        behaviour.put("checkChannelOfferingDelegate", e -> e.setVariable("offeringOnChain", true));
        requested();

        assertThat(chainCalls).isEmpty();
        assertThat(approvalTask()).isNotNull();
    }

    @Test
    void aChannelIsReviewedAtEachIntervalSuspendedOnLagAndEndedByItsRules() {
        channelApprovedByBoth();
        behaviour.put("checkDepositDelegate", e -> e.setVariable("depositMade", true));
        runtime.createMessageCorrelation("chainEvent.DepositMade").processInstanceBusinessKey(AGREEMENT).correlateAll();
        runDueJobs();
        provisionedAndBilling();

        behaviour.put("reviewChannelDelegate", e -> e.setVariable("channelAction", "ACTIVE"));
        assertThat(passTime(Duration.ofMinutes(15))).as("a review runs in the timer's job").isEqualTo(1);
        assertThat(steps).contains("reviewChannel").doesNotContain("prepareBill", "startSuspension");
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");

        behaviour.put("reviewChannelDelegate", e -> e.setVariable("channelAction", "SUSPEND"));
        passTime(Duration.ofMinutes(15));
        assertThat(steps).contains("startSuspension", "suspendService");
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).containsExactly("billDue");

        behaviour.put("reviewChannelDelegate", e -> {
            e.setVariable("channelAction", "TERMINATE");
            e.setVariable("channelCause", "MAX_UNITS");
        });
        passTime(Duration.ofMinutes(15));
        assertThat(terminationCauses).containsExactly("MAX_UNITS");
        assertThat(steps).contains("channelEnds", "beginTermination", "recordSettlement").doesNotContain("prepareBill");
        assertThat(waitingAt(ProcessModels.BILLING_CYCLE)).isEmpty();
        assertThat(chainCalls).endsWith("endEscrow");
    }
}

package io.tollway.processes;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

@Deployment(resources = "processes/chain-transaction.bpmn")
class ChainTransactionProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    private RuntimeService runtime;
    /** What the delegate finds when the step was asked for before; null: a new transaction. */
    private String finalAlready;

    @BeforeEach
    void registerDelegate() {
        runtime = engine.getProcessEngine().getRuntimeService();
        Mocks.register("requestChainTransactionDelegate", (JavaDelegate) execution -> {
            execution.setVariable("chainTransactionId", 42L);
            execution.setVariable("chainTransactionState", finalAlready == null ? "PENDING" : finalAlready);
        });
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    private ProcessInstance requested() {
        ProcessInstance instance = runtime.startProcessInstanceByKey(ProcessModels.CHAIN_TRANSACTION, "agreement-7");
        assertThat(instance).isWaitingAt("requestTransaction");
        execute(job(instance));
        assertThat(instance).isWaitingAt("transactionFinished");
        return instance;
    }

    @Test
    void theWaitEndsOnlyWithTheMessageOfItsOwnTransactionAndEndsConfirmed() {
        ProcessInstance instance = requested();

        assertThat(runtime.createMessageCorrelation("chainTransaction-41").correlateAllWithResult()).isEmpty();
        assertThat(instance).isWaitingAt("transactionFinished");

        runtime.createMessageCorrelation("chainTransaction-42").setVariables(Map.of("chainTransactionState", "CONFIRMED"))
                .correlateAllWithResult();

        assertThat(instance).hasPassed("transactionConfirmed").isEnded();
        assertThat(runtime.createMessageCorrelation("chainTransaction-42").correlateAllWithResult())
                .as("a second announcement finds no one waiting").isEmpty();
    }

    @Test
    void aStepWhoseTransactionIsFinalAlreadyTakesItsOutcomeWithoutWaiting() {
        finalAlready = "CONFIRMED";
        ProcessInstance instance = runtime.startProcessInstanceByKey(ProcessModels.CHAIN_TRANSACTION, "agreement-7");

        execute(job(instance));

        assertThat(instance).hasPassed("transactionConfirmed").hasNotPassed("transactionFinished").isEnded();
    }

    @Test
    void aRevertEndsInTheRevertedError() {
        ProcessInstance instance = requested();

        runtime.createMessageCorrelation("chainTransaction-42")
                .setVariables(Map.of("chainTransactionState", "REVERTED", "chainRevertReason", "OverCap(1, 2, 3)"))
                .correlateAllWithResult();

        assertThat(instance).hasPassed("transactionReverted").isEnded();
    }
}

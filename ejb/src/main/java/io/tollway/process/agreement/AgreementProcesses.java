package io.tollway.process.agreement;

import io.tollway.domain.model.agreement.TerminationCause;
import io.tollway.process.engine.ProcessEngineBootstrap;
import io.tollway.processes.ProcessModels;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The application's handle on an agreement's processes, all keyed by the agreement's id: start
 * them, tell them what happened, see where they are.
 */
@ApplicationScoped
public class AgreementProcesses {

    @EJB
    private ProcessEngineBootstrap bootstrap;

    public void startSetup(String agreementId) {
        start(ProcessModels.AGREEMENT_SETUP, agreementId, Map.of());
    }

    public void startBilling(String agreementId, String onChainId) {
        start(ProcessModels.BILLING_CYCLE, agreementId, Map.of(AgreementVariables.ON_CHAIN_ID, onChainId));
    }

    public void startSuspension(String agreementId, String onChainId) {
        start(ProcessModels.AGREEMENT_SUSPENSION, agreementId, Map.of(AgreementVariables.ON_CHAIN_ID, onChainId));
    }

    /** Starts the termination unless one runs already (a stop racing an out-of-funds end). */
    public boolean startTermination(String agreementId, TerminationCause cause) {
        if (isRunning(ProcessModels.AGREEMENT_TERMINATION, agreementId)) {
            return false;
        }
        start(ProcessModels.AGREEMENT_TERMINATION, agreementId, Map.of(AgreementVariables.CAUSE, cause.name()));
        return true;
    }

    /** Tells every waiting process of the agreement; none waiting is fine (the waits look again on a timer). */
    public int tell(String agreementId, String message, Map<String, Object> variables) {
        return runtime().createMessageCorrelation(message)
                .processInstanceBusinessKey(agreementId)
                .setVariables(variables)
                .correlateAllWithResult()
                .size();
    }

    /**
     * Tells the setup process that the terms changed: it ends the open approval and sets the new
     * terms on chain. False when no process waits for that now (an earlier change is still on its
     * way to the chain, or the approval has just moved on) and nothing was told; the caller's
     * transaction must then not keep the new terms.
     */
    public boolean tellTermsChanged(String agreementId) {
        try {
            return tell(agreementId, AgreementVariables.TERMS_CHANGED_MESSAGE, Map.of()) > 0;
        } catch (OptimisticLockingException raced) {
            // a job of the same process ran at this very moment; the engine rolls the transaction back
            return false;
        }
    }

    public boolean isRunning(String process, String agreementId) {
        return runtime().createProcessInstanceQuery().processDefinitionKey(process).processInstanceBusinessKey(agreementId)
                .active().count() > 0;
    }

    /**
     * The activities the agreement's processes are at now, as "process:activity". An instance that
     * ends between the query and the look at it (a chain step confirmed at that moment) is left
     * out: asked for its activities then, the engine fails, and a failed engine call marks the
     * caller's whole transaction for rollback.
     */
    public List<String> activeSteps(String agreementId) {
        List<String> steps = new ArrayList<>();
        for (ProcessInstance instance : runtime().createProcessInstanceQuery().processInstanceBusinessKey(agreementId).list()) {
            ActivityInstance tree = runtime().getActivityInstance(instance.getId()); // null once ended
            if (tree != null) {
                String process = keyOf(instance);
                Arrays.stream(tree.getChildActivityInstances()).flatMap(AgreementProcesses::leaves)
                        .forEach(activity -> steps.add(process + ":" + activity));
                Arrays.stream(tree.getChildTransitionInstances()).forEach(waiting -> steps.add(process + ":" + waiting.getActivityId()));
            }
        }
        return steps.stream().sorted().toList();
    }

    /** Where a scope is: its innermost activities, and those whose asynchronous start waits for a job. */
    private static Stream<String> leaves(ActivityInstance scope) {
        ActivityInstance[] children = scope.getChildActivityInstances();
        TransitionInstance[] waiting = scope.getChildTransitionInstances();
        if (children.length == 0 && waiting.length == 0) {
            return Stream.of(scope.getActivityId());
        }
        return Stream.concat(Arrays.stream(children).flatMap(AgreementProcesses::leaves),
                Arrays.stream(waiting).map(TransitionInstance::getActivityId));
    }

    private String keyOf(ProcessInstance instance) {
        return bootstrap.engine().getRepositoryService().getProcessDefinition(instance.getProcessDefinitionId()).getKey();
    }

    private void start(String process, String agreementId, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>(extra);
        variables.put(AgreementVariables.AGREEMENT_ID, agreementId);
        runtime().startProcessInstanceByKey(process, agreementId, variables);
    }

    private RuntimeService runtime() {
        return bootstrap.engine().getRuntimeService();
    }
}

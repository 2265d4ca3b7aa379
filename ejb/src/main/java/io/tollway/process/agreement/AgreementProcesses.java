package io.tollway.process.agreement;

import io.tollway.domain.model.offering.SettlementModel;
import io.tollway.domain.model.agreement.TerminationCause;
import io.tollway.process.engine.ProcessEngineBootstrap;
import io.tollway.processes.ProcessModels;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's handle on an agreement's processes, all keyed by the agreement's id: start
 * them, tell them what happened, see where they are.
 */
@ApplicationScoped
public class AgreementProcesses {

    @EJB
    private ProcessEngineBootstrap bootstrap;

    public void startSetup(String agreementId, SettlementModel model) {
        start(ProcessModels.AGREEMENT_SETUP, agreementId, Map.of(AgreementVariables.SETTLEMENT_MODEL, model.name()));
    }

    public void startBilling(String agreementId, String onChainId, SettlementModel model) {
        start(ProcessModels.BILLING_CYCLE, agreementId, Map.of(AgreementVariables.ON_CHAIN_ID, onChainId,
                AgreementVariables.SETTLEMENT_MODEL, model.name()));
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

    public boolean isRunning(String process, String agreementId) {
        return runtime().createProcessInstanceQuery().processDefinitionKey(process).processInstanceBusinessKey(agreementId)
                .active().count() > 0;
    }

    /** The activities the agreement's processes are at now, as "process:activity". */
    public List<String> activeSteps(String agreementId) {
        return runtime().createProcessInstanceQuery().processInstanceBusinessKey(agreementId).list().stream()
                .flatMap(instance -> runtime().getActiveActivityIds(instance.getId()).stream()
                        .map(activity -> keyOf(instance) + ":" + activity))
                .sorted()
                .toList();
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

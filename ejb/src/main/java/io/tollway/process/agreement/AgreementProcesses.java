package io.tollway.process.agreement;

import io.tollway.domain.model.offering.SettlementModel;
import io.tollway.domain.model.agreement.TerminationCause;
import io.tollway.process.engine.ActiveStepsQuery;
import io.tollway.process.engine.ProcessEngineBootstrap;
import io.tollway.processes.ProcessModels;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.RuntimeService;

import java.sql.SQLException;
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

    @Inject
    private ActiveStepsQuery activeSteps;

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

    /**
     * Starts the suspension at its admin's start event: it waits for {@link #adminResume}, not
     * for payment. The caller checks that no suspension runs (the engine would start a second).
     */
    public void adminSuspend(String agreementId, String onChainId, SettlementModel model, String reason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(AgreementVariables.AGREEMENT_ID, agreementId);
        variables.put(AgreementVariables.ON_CHAIN_ID, onChainId);
        variables.put(AgreementVariables.SETTLEMENT_MODEL, model.name());
        variables.put(AgreementVariables.SUSPENSION_REASON, reason);
        runtime().createMessageCorrelation(AgreementVariables.ADMIN_SUSPEND_MESSAGE).processInstanceBusinessKey(agreementId)
                .setVariables(variables).correlateStartMessage();
    }

    /** Ends an admin's suspension; false when none waits (the agreement is not suspended by an admin). */
    public boolean adminResume(String agreementId) {
        return tell(agreementId, AgreementVariables.ADMIN_RESUME_MESSAGE, Map.of()) > 0;
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
        } catch (ProcessEnginePersistenceException failed) {
            if (changedMeanwhile(failed)) {
                // the approval went on meanwhile (a chain step's end, a timer) and holds a row the change would
                // remove; the engine rolls the transaction back
                return false;
            }
            throw failed;
        }
    }

    /** A row the engine removed is referenced by one another transaction wrote meanwhile (PostgreSQL's foreign key check). */
    private static boolean changedMeanwhile(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public boolean isRunning(String process, String agreementId) {
        return runtime().createProcessInstanceQuery().processDefinitionKey(process).processInstanceBusinessKey(agreementId)
                .active().count() > 0;
    }

    /** The activities the agreement's processes are at now, as "process:activity"; an instance that just ended is left out. */
    public List<String> activeSteps(String agreementId) {
        return activeSteps.of(agreementId);
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

package io.tollway.process.termination;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import io.tollway.domain.model.agreement.TerminationCause;
import io.tollway.process.agreement.AgreementProcesses;
import jakarta.inject.Inject;

/** Starts the agreement's termination for the cause the task names. */
@Named
@ApplicationScoped
public class StartTerminationDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Inject
    AgreementProcesses processes;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        processes.startTermination(agreementId, TerminationCause.valueOf((String) execution.getVariable(AgreementVariables.CAUSE)));
    }
}

package io.tollway.process.termination;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import io.tollway.domain.model.agreement.TerminationCause;

/** Marks the agreement TERMINATING, stops its other processes and decides what is left to do. */
@Named
@ApplicationScoped
public class BeginTerminationDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        AgreementLife.TerminationPlan plan = life.beginTermination(agreementId,
                TerminationCause.valueOf((String) execution.getVariable(AgreementVariables.CAUSE)));
        execution.setVariable(AgreementVariables.PROVISIONED, plan.provisioned());
        execution.setVariable(AgreementVariables.ESCROW_ACTION, plan.escrowAction());
    }
}

package io.tollway.process.setup;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import io.tollway.process.agreement.AgreementProcesses;
import jakarta.inject.Inject;

/** Starts the billing cycle of the now active agreement. */
@Named
@ApplicationScoped
public class StartBillingDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Inject
    AgreementProcesses processes;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        processes.startBilling(agreementId, (String) execution.getVariable(AgreementVariables.ON_CHAIN_ID));
    }
}

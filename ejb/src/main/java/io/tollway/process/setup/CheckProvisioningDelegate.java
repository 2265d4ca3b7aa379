package io.tollway.process.setup;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Looks whether the provider has answered the provisioning, and how. */
@Named
@ApplicationScoped
public class CheckProvisioningDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        Boolean outcome = life.provisioningOutcome(agreementId);
        execution.setVariable(AgreementVariables.PROVISIONING_REPORTED, outcome != null);
        execution.setVariable(AgreementVariables.PROVISIONED, Boolean.TRUE.equals(outcome));
    }
}

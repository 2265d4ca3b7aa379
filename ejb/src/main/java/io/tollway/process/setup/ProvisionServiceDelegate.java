package io.tollway.process.setup;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import io.tollway.domain.model.agreement.ProviderCommandKind;
import io.tollway.process.agreement.AgreementTimes;
import jakarta.inject.Inject;

/** Sends PROVISION to the provider's service controller and sets how long the answer may take. */
@Named
@ApplicationScoped
public class ProvisionServiceDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Inject
    AgreementTimes times;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        life.command(agreementId, ProviderCommandKind.PROVISION, 1);
        execution.setVariable(AgreementVariables.PROVISIONING_DEADLINE, AgreementLife.after(times.provisioningTimeout()));
    }
}

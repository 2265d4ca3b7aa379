package io.tollway.process.termination;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import io.tollway.domain.model.agreement.ProviderCommandKind;

/** Sends DEPROVISION to the provider's service controller. */
@Named
@ApplicationScoped
public class DeprovisionServiceDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        life.command(agreementId, ProviderCommandKind.DEPROVISION, 1);
    }
}

package io.tollway.process.suspension;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import io.tollway.domain.model.agreement.ProviderCommandKind;

/** Sends RESUME to the provider and makes the agreement active again. */
@Named
@ApplicationScoped
public class ResumeServiceDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        long sequence = execution.getProcessInstanceId().hashCode() & 0x7fffffffL;
        life.command(agreementId, ProviderCommandKind.RESUME, sequence);
        life.activate(agreementId);
    }
}

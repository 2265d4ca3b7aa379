package io.tollway.process.suspension;

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

/** Sends SUSPEND to the provider, marks the agreement SUSPENDED (with an admin's reason, if an admin suspended it) and sets the grace period's end. */
@Named
@ApplicationScoped
public class SuspendServiceDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Inject
    AgreementTimes times;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        long sequence = execution.getProcessInstanceId().hashCode() & 0x7fffffffL;
        life.command(agreementId, ProviderCommandKind.SUSPEND, sequence);
        life.suspend(agreementId, (String) execution.getVariable(AgreementVariables.SUSPENSION_REASON));
        execution.setVariable(AgreementVariables.SUSPENSION_DEADLINE, life.suspensionDeadline(agreementId, times.suspensionGrace()));
    }
}

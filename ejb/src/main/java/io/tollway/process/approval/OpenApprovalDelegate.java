package io.tollway.process.approval;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import io.tollway.process.agreement.AgreementTimes;
import jakarta.inject.Inject;
import java.time.Duration;

/** Sets when the approvers' task is due and when the consumer must have approved. */
@Named
@ApplicationScoped
public class OpenApprovalDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Inject
    AgreementTimes times;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        life.openApproval(agreementId);
        execution.setVariable(AgreementVariables.APPROVAL_DUE, AgreementLife.after(Duration.parse(times.getApprovalEscalation())));
        execution.setVariable(AgreementVariables.APPROVAL_DEADLINE, AgreementLife.after(times.approvalTimeout()));
    }
}

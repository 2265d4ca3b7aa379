package io.tollway.process.approval;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Looks at the escrow: have both parties approved the same terms? */
@Named
@ApplicationScoped
public class CheckApprovalDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        execution.setVariable(AgreementVariables.BOTH_APPROVED, life.checkApproval(agreementId));
    }
}

package io.tollway.process.billing;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Prepares the next bill (once per number, also on a retry). */
@Named
@ApplicationScoped
public class PrepareBillDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        execution.setVariable(AgreementVariables.BILL_NUMBER, life.prepareBill(agreementId));
    }
}

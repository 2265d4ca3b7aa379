package io.tollway.process.setup;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import io.tollway.process.agreement.AgreementTimes;
import jakarta.inject.Inject;

/** Sets the deadline of the deposit (once: a look again passes here only on the first entry). */
@Named
@ApplicationScoped
public class ExpectDepositDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Inject
    AgreementTimes times;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        execution.setVariable(AgreementVariables.DEPOSIT_DEADLINE, AgreementLife.after(times.depositTimeout()));
    }
}

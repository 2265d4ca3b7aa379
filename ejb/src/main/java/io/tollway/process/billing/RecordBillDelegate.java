package io.tollway.process.billing;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Records what the chain paid for the bill and whether the deposit ran out or runs low. */
@Named
@ApplicationScoped
public class RecordBillDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        AgreementLife.BillResult result = life.recordBill(agreementId, (Integer) execution.getVariable(AgreementVariables.BILL_NUMBER),
                (String) execution.getVariable("chainTransactionHash"), (Long) execution.getVariable("chainTransactionId"));
        AgreementVariables.update(execution, AgreementVariables.OUT_OF_FUNDS, result.outOfFunds());
        AgreementVariables.update(execution, AgreementVariables.LOW_BALANCE, result.lowBalance());
        AgreementVariables.update(execution, AgreementVariables.SUSPENDED, result.suspended());
    }
}

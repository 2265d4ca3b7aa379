package io.tollway.process.setup;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Takes the escrow agreement's id from the confirmed createAgreement and keeps it on the process, where chain events find it. */
@Named
@ApplicationScoped
public class RecordEscrowIdDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        String onChainId = life.recordEscrowId(agreementId, (String) execution.getVariable("chainTransactionHash"));
        execution.getProcessInstance().setVariable(AgreementVariables.ON_CHAIN_ID, onChainId);
    }
}

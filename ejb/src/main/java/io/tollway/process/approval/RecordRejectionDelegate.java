package io.tollway.process.approval;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.domain.model.agreement.Party;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Records a rejection with the agreement: the approver's (task variable {@code reason}), the
 * consumer's (message variable {@code reason}), or the consumer's silence past the approval deadline.
 */
@Named
@ApplicationScoped
public class RecordRejectionDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        switch (execution.getCurrentActivityId()) {
            case "recordRejection" -> life.recordRejection(agreementId, Party.PROVIDER, (String) execution.getVariable(AgreementVariables.REASON));
            case "recordConsumerRejection" -> life.recordRejection(agreementId, Party.CONSUMER,
                    (String) execution.getVariable(AgreementVariables.REASON));
            default -> life.recordRejection(agreementId, Party.CONSUMER, "did not approve before the deadline");
        }
    }
}

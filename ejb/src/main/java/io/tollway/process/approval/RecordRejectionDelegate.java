package io.tollway.process.approval;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import java.util.logging.Logger;

/** Logs who rejected and why; the termination records it on the agreement. */
@Named
@ApplicationScoped
public class RecordRejectionDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    private static final Logger LOG = Logger.getLogger(RecordRejectionDelegate.class.getName());

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        Object reason = execution.getVariable(AgreementVariables.REASON);
        LOG.info(() -> "agreement " + agreementId + " rejected at " + execution.getCurrentActivityId() + (reason == null ? "" : ": " + reason));
    }
}

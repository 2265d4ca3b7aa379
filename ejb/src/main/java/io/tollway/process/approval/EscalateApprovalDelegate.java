package io.tollway.process.approval;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import java.util.logging.Logger;

/** An approval task is overdue: the log says so, and the task list shows it (its due date has passed). */
@Named
@ApplicationScoped
public class EscalateApprovalDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    private static final Logger LOG = Logger.getLogger(EscalateApprovalDelegate.class.getName());

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        LOG.warning(() -> "approval of agreement " + agreementId + " is overdue; escalated to the admins");
    }
}

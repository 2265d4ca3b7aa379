package io.tollway.process.billing;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.process.agreement.AgreementVariables;
import io.tollway.process.chain.ChainTransactionRequests;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Hands the prepared bill to the gateway, which bills it with others in one {@code billMany}.
 * It runs in the preparation's job and the billing cycle waits for the outcome itself: a bill is
 * the most frequent chain step, and a {@code chainTransaction} call activity cost each bill a
 * job, a process instance and a dozen variables.
 */
@Named
@ApplicationScoped
public class SubmitBillDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Inject
    ChainTransactionRequests requests;

    @Override
    public void execute(DelegateExecution execution) {
        AgreementLife.ChainStep step = life.chainStep(execution.getCurrentActivityId(),
                (String) execution.getVariable(AgreementVariables.AGREEMENT_ID), (Integer) execution.getVariable(AgreementVariables.BILL_NUMBER), null);
        requests.ask(execution, ChainGatewayService.OPERATOR, step.subject(), step.step(), step.call());
    }
}

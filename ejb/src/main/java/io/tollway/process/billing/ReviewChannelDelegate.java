package io.tollway.process.billing;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.domain.model.channel.ServiceDecision;
import io.tollway.process.agreement.AgreementVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Applies the channel's rules now: the action (ACTIVE, SUSPEND, SUSPENDED, RESUME, TERMINATE) and a termination's cause. */
@Named
@ApplicationScoped
public class ReviewChannelDelegate implements JavaDelegate {

    @EJB
    AgreementLife life;

    @Override
    public void execute(DelegateExecution execution) {
        String agreementId = (String) execution.getVariable(AgreementVariables.AGREEMENT_ID);
        ServiceDecision decision = life.reviewChannel(agreementId);
        AgreementVariables.update(execution, AgreementVariables.CHANNEL_ACTION, decision.action().name());
        AgreementVariables.update(execution, AgreementVariables.CHANNEL_CAUSE, decision.cause() == null ? null : decision.cause().name());
    }
}

package io.tollway.process.agreement;

import io.tollway.application.agreement.AgreementLife;
import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.process.chain.ChainTransactionVariables;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;

import java.util.List;

/**
 * The variable mapping of every chain step of the agreement processes (a call activity of
 * {@code chainTransaction}): the activity's id names the step, the agreement's life builds its
 * call, and the transaction's id and hash come back to the calling process. The gateway's idempotency key is
 * (subject, step): the subject is the agreement, or the offering for a channel offering's
 * registration, which all its agreements share.
 */
@Named("agreementChainCalls")
@ApplicationScoped
public class AgreementChainCalls implements DelegateVariableMapping {

    /**
     * What the calling steps read: the bill's record, the escrow's id from its creation's logs.
     * Every variable copied costs two statements (the variable and its history) in each chain
     * step's last transaction, a bill's too; nothing in the calling processes reads the rest.
     */
    private static final List<String> OUTCOME = List.of(ChainTransactionVariables.TRANSACTION_ID, ChainTransactionVariables.HASH);

    @EJB
    AgreementLife life;

    @Override
    public void mapInputVariables(DelegateExecution caller, VariableMap called) {
        String agreementId = (String) caller.getVariable(AgreementVariables.AGREEMENT_ID);
        AgreementLife.ChainStep step = life.chainStep(caller.getCurrentActivityId(), agreementId,
                (Integer) caller.getVariable(AgreementVariables.BILL_NUMBER), (String) caller.getVariable(AgreementVariables.ESCROW_ACTION));
        called.putAll(ChainTransactionVariables.asking(ChainGatewayService.OPERATOR, step.subject(), step.step(), step.call()));
        called.put(AgreementVariables.AGREEMENT_ID, agreementId);
    }

    @Override
    public void mapOutputVariables(DelegateExecution caller, VariableScope called) {
        OUTCOME.forEach(name -> caller.setVariable(name, called.getVariable(name)));
    }
}

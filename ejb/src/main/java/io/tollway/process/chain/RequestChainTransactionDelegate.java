package io.tollway.process.chain;

import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.chain.transaction.ChainTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import java.util.Optional;


import static io.tollway.process.chain.ChainTransactionVariables.STATE;
import static io.tollway.process.chain.ChainTransactionVariables.SIGNER;
import static io.tollway.process.chain.ChainTransactionVariables.STEP;
import static io.tollway.process.chain.ChainTransactionVariables.SUBJECT;
import static io.tollway.process.chain.ChainTransactionVariables.TRANSACTION_ID;

/**
 * Hands the call to the gateway, in the job's transaction: the outbox row and the wait for its
 * outcome commit together. A retried job asks for the same subject and step and gets the same
 * transaction back; if that one is final already, the process takes its outcome without waiting.
 */
@Named
@ApplicationScoped
public class RequestChainTransactionDelegate implements JavaDelegate {

    @Inject
    ChainGatewayService gateway;

    @Override
    public void execute(DelegateExecution execution) {
        long id = gateway.request((String) execution.getVariable(SIGNER), (String) execution.getVariable(SUBJECT),
                (String) execution.getVariable(STEP), ChainTransactionVariables.callOf(execution));
        execution.setVariable(TRANSACTION_ID, id);
        // the step may have been asked for before and be final already: then nobody will announce it again
        Optional<ChainTransaction> finished = gateway.find(id).filter(transaction -> transaction.state().isFinal());
        if (finished.isPresent()) {
            ChainTransaction transaction = finished.get();
            execution.setVariables(ChainTransactionVariables.outcome(transaction.state().name(), transaction.hash(),
                    transaction.gasUsed(), transaction.revertReason()));
            execution.setVariable(TRANSACTION_ID, transaction.id());
        } else {
            // a batched call may have no transaction yet: its batch is made after this commits
            execution.setVariable(STATE, ChainTransactionVariables.PENDING);
        }
    }
}

package io.tollway.process.chain;

import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.chain.transaction.ChainTransaction;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.delegate.DelegateExecution;

import java.util.Optional;

import static io.tollway.process.chain.ChainTransactionVariables.STATE;
import static io.tollway.process.chain.ChainTransactionVariables.TRANSACTION_ID;

/**
 * Hands a chain step's call to the gateway in the job's transaction, so the outbox row and the
 * process's wait for its outcome commit together, and tells the process whether to wait: a
 * retried or repeated step gets its (subject, step)'s transaction back, and if that one is final
 * already, nobody will announce it again.
 */
@ApplicationScoped
public class ChainTransactionRequests {

    @Inject
    ChainGatewayService gateway;

    /**
     * Sets {@link ChainTransactionVariables#TRANSACTION_ID} (the message the wait listens for) and
     * {@link ChainTransactionVariables#STATE}: PENDING to wait, or the final state with its outcome.
     */
    public void ask(DelegateExecution execution, String signer, String subject, String step, ContractCall call) {
        long id = gateway.request(signer, subject, step, call);
        Optional<ChainTransaction> finished = gateway.find(id).filter(transaction -> transaction.state().isFinal());
        if (finished.isPresent()) {
            ChainTransaction transaction = finished.get();
            execution.setVariables(ChainTransactionVariables.outcome(transaction.state().name(), transaction.hash(), transaction.revertReason()));
            execution.setVariable(TRANSACTION_ID, transaction.id());
        } else {
            // a batched call may have no transaction yet: its batch is made after this commits
            execution.setVariable(TRANSACTION_ID, id);
            execution.setVariable(STATE, ChainTransactionVariables.PENDING);
        }
    }
}

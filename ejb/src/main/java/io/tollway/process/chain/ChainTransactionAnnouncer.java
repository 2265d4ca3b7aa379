package io.tollway.process.chain;

import io.tollway.infrastructure.chain.transaction.FinishedTransaction;
import io.tollway.infrastructure.chain.transaction.TransactionOutcomes;
import io.tollway.process.engine.ProcessEngineBootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;


/**
 * Tells the process that waits for a chain transaction how it ended. Runs in the gateway's JTA
 * transaction that records the final state, which the engine joins: the state and the message
 * commit together or not at all, so the wait is ended exactly once.
 */
@ApplicationScoped
public class ChainTransactionAnnouncer implements TransactionOutcomes {

    private static final Logger LOG = Logger.getLogger(ChainTransactionAnnouncer.class.getName());

    @Inject
    ProcessEngineBootstrap engine;

    @Override
    public void finished(FinishedTransaction outcome, Connection connection) {
        Map<String, Object> variables = ChainTransactionVariables.outcome(outcome.state().name(), outcome.hash(), outcome.revertReason());
        // a batched call's waiter learns which transaction carried it (its bill links to that one)
        variables.put(ChainTransactionVariables.TRANSACTION_ID, outcome.transactionId());
        List<MessageCorrelationResult> told = engine.engine().getRuntimeService()
                .createMessageCorrelation(ChainTransactionVariables.finishedMessage(outcome.id()))
                .setVariables(variables)
                .correlateAllWithResult();
        if (told.isEmpty()) {
            LOG.info(() -> "no process waits for chain transaction " + outcome.id() + " (" + outcome.state() + ")");
        }
    }
}

package io.tollway.process.chain;

import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.chain.transaction.ChainTransaction;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.web3j.utils.Numeric;

import java.math.BigInteger;

import static io.tollway.process.chain.ChainTransactionVariables.DATA;
import static io.tollway.process.chain.ChainTransactionVariables.DESCRIPTION;
import static io.tollway.process.chain.ChainTransactionVariables.GAS_LIMIT;
import static io.tollway.process.chain.ChainTransactionVariables.GAS_USED;
import static io.tollway.process.chain.ChainTransactionVariables.HASH;
import static io.tollway.process.chain.ChainTransactionVariables.REVERT_REASON;
import static io.tollway.process.chain.ChainTransactionVariables.STATE;
import static io.tollway.process.chain.ChainTransactionVariables.SIGNER;
import static io.tollway.process.chain.ChainTransactionVariables.STEP;
import static io.tollway.process.chain.ChainTransactionVariables.SUBJECT;
import static io.tollway.process.chain.ChainTransactionVariables.TO;
import static io.tollway.process.chain.ChainTransactionVariables.TRANSACTION_ID;
import static io.tollway.process.chain.ChainTransactionVariables.VALUE;

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
        Object gasLimit = execution.getVariable(GAS_LIMIT);
        ContractCall call = new ContractCall((String) execution.getVariable(DESCRIPTION), (String) execution.getVariable(TO),
                new BigInteger((String) execution.getVariable(VALUE)), Numeric.hexStringToByteArray((String) execution.getVariable(DATA)),
                gasLimit == null ? null : ((Number) gasLimit).longValue());
        long id = gateway.request((String) execution.getVariable(SIGNER), (String) execution.getVariable(SUBJECT),
                (String) execution.getVariable(STEP), call);
        execution.setVariable(TRANSACTION_ID, id);
        // the step may have been asked for before and be final already: then nobody will announce it again
        ChainTransaction transaction = gateway.find(id).orElseThrow();
        if (transaction.state().isFinal()) {
            execution.setVariable(STATE, transaction.state().name());
            execution.setVariable(HASH, transaction.hash());
            execution.setVariable(GAS_USED, transaction.gasUsed());
            execution.setVariable(REVERT_REASON, transaction.revertReason());
        } else {
            execution.setVariable(STATE, ChainTransactionVariables.PENDING);
        }
    }
}

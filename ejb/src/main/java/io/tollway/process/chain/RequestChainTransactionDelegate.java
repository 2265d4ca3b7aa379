package io.tollway.process.chain;

import io.tollway.infrastructure.chain.ChainGatewayService;
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
import static io.tollway.process.chain.ChainTransactionVariables.SIGNER;
import static io.tollway.process.chain.ChainTransactionVariables.STEP;
import static io.tollway.process.chain.ChainTransactionVariables.SUBJECT;
import static io.tollway.process.chain.ChainTransactionVariables.TO;
import static io.tollway.process.chain.ChainTransactionVariables.TRANSACTION_ID;
import static io.tollway.process.chain.ChainTransactionVariables.VALUE;

/**
 * Hands the call to the gateway, in the job's transaction: the outbox row and the wait for its
 * outcome commit together. A retried job asks for the same subject and step and gets the same
 * transaction back.
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
    }
}

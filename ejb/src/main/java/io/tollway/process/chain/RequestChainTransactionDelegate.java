package io.tollway.process.chain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import static io.tollway.process.chain.ChainTransactionVariables.SIGNER;
import static io.tollway.process.chain.ChainTransactionVariables.STEP;
import static io.tollway.process.chain.ChainTransactionVariables.SUBJECT;

/** The {@code chainTransaction} process's request: the call its variables ask for, to the gateway. */
@Named
@ApplicationScoped
public class RequestChainTransactionDelegate implements JavaDelegate {

    @Inject
    ChainTransactionRequests requests;

    @Override
    public void execute(DelegateExecution execution) {
        requests.ask(execution, (String) execution.getVariable(SIGNER), (String) execution.getVariable(SUBJECT),
                (String) execution.getVariable(STEP), ChainTransactionVariables.callOf(execution));
    }
}

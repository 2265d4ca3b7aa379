package io.tollway.application.chain;

import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.chain.DeployedContracts;
import io.tollway.infrastructure.chain.DevContracts;
import io.tollway.infrastructure.chain.TokenCalls;
import io.tollway.process.chain.ChainTransactionVariables;
import io.tollway.process.engine.ProcessEngineBootstrap;
import io.tollway.processes.ProcessModels;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.math.BigInteger;
import java.util.Map;

/**
 * Transfers of the development token by the operator, each run as a {@code chainTransaction}
 * process: the whole path of a payment (process, outbox, sender, tracker, announcement) without an
 * agreement around it. Used by the test-support API on development chains only.
 */
@Stateless
public class DevTokenTransfers {

    @EJB
    private ProcessEngineBootstrap engine;

    @Inject
    private DeployedContracts contracts;

    /** Starts the transfer's process and returns its id. */
    public String start(String subject, String step, String to, BigInteger amount) {
        if (subject == null || subject.isBlank() || step == null || step.isBlank()) {
            throw new IllegalArgumentException("subject and step are required");
        }
        String token = contracts.addresses().get(DevContracts.TEST_TOKEN);
        if (token == null) {
            throw new IllegalStateException("no development token is deployed");
        }
        Map<String, Object> variables = ChainTransactionVariables.asking(ChainGatewayService.OPERATOR, subject, step,
                TokenCalls.transfer(token, to, amount));
        return engine.engine().getRuntimeService()
                .startProcessInstanceByKey(ProcessModels.CHAIN_TRANSACTION, subject, variables).getId();
    }
}

package io.tollway.application.chain;

import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.chain.DeployedContracts;
import io.tollway.infrastructure.chain.DevContracts;
import io.tollway.process.chain.ChainTransactionVariables;
import io.tollway.process.engine.ProcessEngineBootstrap;
import io.tollway.processes.ProcessModels;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
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
        if (to == null || !to.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("to must be an address (0x and 40 hex digits)");
        }
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (subject == null || subject.isBlank() || step == null || step.isBlank()) {
            throw new IllegalArgumentException("subject and step are required");
        }
        String token = contracts.addresses().get(DevContracts.TEST_TOKEN);
        if (token == null) {
            throw new IllegalStateException("no development token is deployed");
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ChainTransactionVariables.SIGNER, ChainGatewayService.OPERATOR);
        variables.put(ChainTransactionVariables.SUBJECT, subject);
        variables.put(ChainTransactionVariables.STEP, step);
        variables.put(ChainTransactionVariables.DESCRIPTION, "TestToken.transfer");
        variables.put(ChainTransactionVariables.TO, token);
        variables.put(ChainTransactionVariables.VALUE, "0");
        variables.put(ChainTransactionVariables.DATA, FunctionEncoder.encode(new Function("transfer",
                List.of(new Address(to), new Uint256(amount)), List.of())));
        variables.put(ChainTransactionVariables.GAS_LIMIT, 100_000L);
        return engine.engine().getRuntimeService()
                .startProcessInstanceByKey(ProcessModels.CHAIN_TRANSACTION, subject, variables).getId();
    }
}

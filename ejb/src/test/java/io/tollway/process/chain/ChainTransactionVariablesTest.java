package io.tollway.process.chain;

import io.tollway.infrastructure.chain.transaction.ContractCall;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The call asked for is the call the request reads back, with the variables that carry nothing left out. */
class ChainTransactionVariablesTest {

    private static final String TO = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    /**
     * A variable scope over the map, as the engine hands the variables to the request's delegate;
     * anything but reading one variable fails, so the test notices if the request reads them otherwise.
     */
    private static VariableScope scopeOf(Map<String, Object> variables) {
        return (VariableScope) Proxy.newProxyInstance(VariableScope.class.getClassLoader(), new Class<?>[]{VariableScope.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getVariable") && arguments.length == 1) {
                        return variables.get((String) arguments[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void assertSameCall(ContractCall read, ContractCall asked) {
        assertThat(read.sameAs(asked)).as("to, value and data").isTrue();
        assertThat(read.description()).isEqualTo(asked.description());
        assertThat(read.gasLimit()).isEqualTo(asked.gasLimit());
    }

    @Test
    void aTokenCallWithAnEstimatedGasLimitStoresNeitherValueNorGasLimit() {
        ContractCall bill = ContractCall.ofHex("bill 3 of agreement 7", TO, BigInteger.ZERO, "0xabcdef01", null);

        Map<String, Object> variables = ChainTransactionVariables.asking("operator", "a-1", "bill-3", bill);

        assertThat(variables).doesNotContainKeys(ChainTransactionVariables.VALUE, ChainTransactionVariables.GAS_LIMIT)
                .containsEntry(ChainTransactionVariables.DATA, "0xabcdef01").hasSize(6);
        assertSameCall(ChainTransactionVariables.callOf(scopeOf(variables)), bill);
    }

    @Test
    void aCallWithValueAndGasLimitKeepsBoth() {
        ContractCall transfer = ContractCall.ofHex("refund", TO, new BigInteger("1000000000000000000000"), "0x", 50_000L);

        Map<String, Object> variables = ChainTransactionVariables.asking("operator", "a-1", "refund", transfer);

        assertThat(variables).containsEntry(ChainTransactionVariables.VALUE, "1000000000000000000000")
                .containsEntry(ChainTransactionVariables.GAS_LIMIT, 50_000L);
        assertSameCall(ChainTransactionVariables.callOf(scopeOf(variables)), transfer);
    }
}

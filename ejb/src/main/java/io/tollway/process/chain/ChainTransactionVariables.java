package io.tollway.process.chain;

import io.tollway.infrastructure.chain.transaction.ContractCall;
import org.camunda.bpm.engine.delegate.VariableScope;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Variables of the {@code chainTransaction} process: what the caller passes in (the call, who
 * signs it, and the subject and step that make it idempotent) and what the outcome sets.
 */
public final class ChainTransactionVariables {

    public static final String SIGNER = "chainSigner";
    public static final String SUBJECT = "chainSubject";
    public static final String STEP = "chainStep";
    public static final String DESCRIPTION = "chainDescription";
    public static final String TO = "chainTo";
    /** Wei, as a decimal string (a long cannot hold every amount); absent for none. */
    public static final String VALUE = "chainValue";
    /** ABI-encoded call data, 0x-hex. */
    public static final String DATA = "chainData";
    /** Optional; estimated when absent. */
    public static final String GAS_LIMIT = "chainGasLimit";

    public static final String TRANSACTION_ID = "chainTransactionId";
    /** CONFIRMED or REVERTED; PENDING while the process waits. */
    public static final String STATE = "chainTransactionState";
    public static final String PENDING = "PENDING";
    public static final String HASH = "chainTransactionHash";
    public static final String REVERT_REASON = "chainRevertReason";

    /** The message that ends the wait: one name per transaction, so no announcement can reach another's wait. */
    public static String finishedMessage(long transactionId) {
        return "chainTransaction-" + transactionId;
    }

    /**
     * The variables that ask the {@code chainTransaction} process for this call. A value of zero
     * (every token call) and an absent gas limit are left out rather than stored: each variable is
     * a row written and deleted, with its history, in every chain step, a bill's too.
     */
    public static Map<String, Object> asking(String signer, String subject, String step, ContractCall call) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(SIGNER, signer);
        variables.put(SUBJECT, subject);
        variables.put(STEP, step);
        variables.put(DESCRIPTION, call.description());
        variables.put(TO, call.to());
        variables.put(DATA, call.dataHex());
        if (call.value().signum() != 0) {
            variables.put(VALUE, call.value().toString());
        }
        if (call.gasLimit() != null) {
            variables.put(GAS_LIMIT, call.gasLimit());
        }
        return variables;
    }

    /**
     * The variables that tell the process how its transaction ended: its state, its hash, and a
     * revert's reason. Not its gas: the transaction's row has that and no process step reads it,
     * and a variable more is a row more in every bill's wait.
     */
    public static Map<String, Object> outcome(String state, String hash, String revertReason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(STATE, state);
        variables.put(HASH, hash);
        if (revertReason != null) {
            variables.put(REVERT_REASON, revertReason);
        }
        return variables;
    }

    /** The call the variables ask for. */
    public static ContractCall callOf(VariableScope variables) {
        Object gasLimit = variables.getVariable(GAS_LIMIT);
        Object value = variables.getVariable(VALUE);
        return ContractCall.ofHex((String) variables.getVariable(DESCRIPTION), (String) variables.getVariable(TO),
                value == null ? BigInteger.ZERO : new BigInteger((String) value), (String) variables.getVariable(DATA),
                gasLimit == null ? null : ((Number) gasLimit).longValue());
    }

    private ChainTransactionVariables() {
    }
}

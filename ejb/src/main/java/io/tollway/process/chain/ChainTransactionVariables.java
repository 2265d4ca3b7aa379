package io.tollway.process.chain;

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
    /** Wei, as a decimal string (a long cannot hold every amount). */
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
    public static final String GAS_USED = "chainGasUsed";
    public static final String REVERT_REASON = "chainRevertReason";

    /** The message that ends the wait: one name per transaction, so no announcement can reach another's wait. */
    public static String finishedMessage(long transactionId) {
        return "chainTransaction-" + transactionId;
    }

    private ChainTransactionVariables() {
    }
}

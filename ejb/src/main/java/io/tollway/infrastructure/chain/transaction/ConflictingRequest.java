package io.tollway.infrastructure.chain.transaction;

/**
 * A step was asked for again with a different call than the first time: a bug in the caller,
 * never something to paper over by sending the second call too.
 */
public class ConflictingRequest extends IllegalStateException {

    public ConflictingRequest(ChainTransaction first) {
        this(first.subject(), first.step(), first.signer(), first.call());
    }

    ConflictingRequest(String subject, String step, String signer, ContractCall first) {
        super("step " + step + " of " + subject + " was already requested as a different call ("
                + first.description() + " to " + first.to() + ", " + signer + ")");
    }
}

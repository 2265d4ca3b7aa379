package io.tollway.infrastructure.chain.transaction;

/**
 * A step was asked for again with a different call than the first time: a bug in the caller,
 * never something to paper over by sending the second call too.
 */
public class ConflictingRequest extends IllegalStateException {

    public ConflictingRequest(ChainTransaction first) {
        super("step " + first.step() + " of " + first.subject() + " was already requested as a different call ("
                + first.call().description() + " to " + first.call().to() + ", " + first.signer() + ")");
    }
}

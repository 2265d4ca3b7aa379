package io.tollway.wallet;

/**
 * The chain node could not do what the wallet asked: it does not answer, it is another chain than
 * the agreement's, it refused a signed transaction, or no receipt came before the deadline (the
 * transaction may still be mined: look it up by its hash before sending again).
 */
public class ChainFailure extends RuntimeException {

    public ChainFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.tollway.infrastructure.chain.events;

/** The chain node could not be reached, or refused or garbled a request; reading is tried again later. */
public class ChainNodeUnavailable extends RuntimeException {

    public ChainNodeUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public ChainNodeUnavailable(String message) {
        super(message);
    }
}

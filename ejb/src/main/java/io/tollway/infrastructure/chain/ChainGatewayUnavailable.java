package io.tollway.infrastructure.chain;

/** The gateway is not running (no signer configured, or it could not start); the reason says which. */
public class ChainGatewayUnavailable extends IllegalStateException {

    public ChainGatewayUnavailable(String reason) {
        super("the chain gateway is not running: " + reason);
    }
}

package io.tollway.infrastructure.chain.signing;

/** A signer could not be opened or could not sign. The message never contains a secret. */
public class SigningFailed extends RuntimeException {

    public SigningFailed(String message) {
        super(message);
    }

    public SigningFailed(String message, Throwable cause) {
        super(message, cause);
    }
}

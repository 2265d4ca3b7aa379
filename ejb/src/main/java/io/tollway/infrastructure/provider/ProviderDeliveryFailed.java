package io.tollway.infrastructure.provider;

/**
 * A command did not reach the provider's service controller, or was not accepted there. The
 * message names the endpoint (without query or user info, which may carry tokens), the HTTP status
 * if there was one and the start of the answer; never the secret.
 */
public abstract class ProviderDeliveryFailed extends RuntimeException {

    private final int status;
    private final String bodyExcerpt;

    protected ProviderDeliveryFailed(String message, int status, String bodyExcerpt, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
    }

    /** The HTTP status of the provider's answer, or 0 when there was none (timeout, no connection). */
    public int status() {
        return status;
    }

    /** The start of the provider's answer, or "" when there was none. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}

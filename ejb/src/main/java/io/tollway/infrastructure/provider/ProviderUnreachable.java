package io.tollway.infrastructure.provider;

/**
 * The command may succeed later: no connection, no answer in time, or the provider said so itself
 * (5xx, 408, 425, 429). The job that delivers it fails and is retried with back-off.
 */
public class ProviderUnreachable extends ProviderDeliveryFailed {

    public ProviderUnreachable(String message, int status, String bodyExcerpt, Throwable cause) {
        super(message, status, bodyExcerpt, cause);
    }
}

package io.tollway.infrastructure.provider;

/**
 * The provider answered that it will not take this command as sent (4xx other than the retryable
 * ones, or a redirect, which is never followed with a signed body). Sending it again unchanged
 * would get the same answer, so the process takes its failure path instead of retrying.
 */
public class ProviderRefused extends ProviderDeliveryFailed {

    public ProviderRefused(String message, int status, String bodyExcerpt) {
        super(message, status, bodyExcerpt, null);
    }
}

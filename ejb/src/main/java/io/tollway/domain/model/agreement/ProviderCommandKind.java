package io.tollway.domain.model.agreement;

/**
 * What Tollway asks the provider's service controller to do with the service instance of an
 * agreement. The provider answers each one later, through the API, with success or failure (and,
 * for {@link #PROVISION}, the credentials that Tollway seals for the consumer).
 */
public enum ProviderCommandKind {
    /** Create the service instance; the answer carries the consumer's credentials. */
    PROVISION,
    /** Stop serving the consumer but keep the instance: the agreement is behind on payment. */
    SUSPEND,
    /** Serve the consumer again after a suspension. */
    RESUME,
    /** Remove the instance for good: the agreement ends. */
    DEPROVISION
}

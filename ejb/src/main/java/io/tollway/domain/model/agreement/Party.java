package io.tollway.domain.model.agreement;

/** The two sides of an agreement; both must approve the same terms before they bind. */
public enum Party {
    CONSUMER,
    PROVIDER
}

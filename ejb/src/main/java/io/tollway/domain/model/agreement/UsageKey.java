package io.tollway.domain.model.agreement;

/** A usage report's identity: the provider's idempotency key is unique per agreement. */
public record UsageKey(String agreementId, String idempotencyKey) {
}

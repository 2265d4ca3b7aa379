package io.tollway.domain.model.agreement;

/** Why an agreement ended; every terminated agreement names one. */
public enum TerminationCause {
    STOPPED_BY_CONSUMER,
    STOPPED_BY_PROVIDER,
    REJECTED,
    OUT_OF_FUNDS,
    DEPOSIT_EXHAUSTED,
    MAX_UNITS,
    INACTIVE,
    SUSPENDED_TOO_LONG,
    DEPOSIT_TIMEOUT,
    PROVISIONING_FAILED,
    DISPUTE_SETTLED
}

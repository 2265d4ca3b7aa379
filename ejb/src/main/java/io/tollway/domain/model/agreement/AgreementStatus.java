package io.tollway.domain.model.agreement;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an agreement stands in its life. The legal transitions are written down here, once; an
 * agreement can be terminated from any state before TERMINATED (a rejection, a timeout, a stop);
 * the termination process passes through TERMINATING, where deprovisioning and the final
 * settlement run.
 */
public enum AgreementStatus {
    REQUESTED,
    AWAITING_APPROVAL,
    AWAITING_DEPOSIT,
    PROVISIONING,
    ACTIVE,
    SUSPENDED,
    TERMINATING,
    TERMINATED;

    private Set<AgreementStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(AWAITING_APPROVAL, TERMINATING, TERMINATED);
            case AWAITING_APPROVAL -> EnumSet.of(AWAITING_DEPOSIT, TERMINATING, TERMINATED);
            case AWAITING_DEPOSIT -> EnumSet.of(PROVISIONING, TERMINATING, TERMINATED);
            case PROVISIONING -> EnumSet.of(ACTIVE, TERMINATING, TERMINATED);
            case ACTIVE -> EnumSet.of(SUSPENDED, TERMINATING);
            case SUSPENDED -> EnumSet.of(ACTIVE, TERMINATING);
            case TERMINATING -> EnumSet.of(TERMINATED);
            case TERMINATED -> EnumSet.noneOf(AgreementStatus.class);
        };
    }

    public boolean canBecome(AgreementStatus target) {
        return next().contains(target);
    }

    /** Whether the service runs (or is paused) and money moves by the terms. */
    public boolean isLive() {
        return this == ACTIVE || this == SUSPENDED;
    }
}

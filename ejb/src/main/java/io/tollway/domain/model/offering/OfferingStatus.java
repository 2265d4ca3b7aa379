package io.tollway.domain.model.offering;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an offering stands in its review. The legal transitions are written down here, once:
 * an offering is submitted, its review is opened, and the review ends it as published, rejected
 * or expired.
 */
public enum OfferingStatus {
    SUBMITTED,
    IN_REVIEW,
    PUBLISHED,
    REJECTED,
    EXPIRED,
    /** Withdrawn from sale by an admin: no new agreements; those running go on. */
    RETIRED;

    private Set<OfferingStatus> next() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(IN_REVIEW);
            case IN_REVIEW -> EnumSet.of(PUBLISHED, REJECTED, EXPIRED);
            case PUBLISHED -> EnumSet.of(RETIRED);
            case REJECTED, EXPIRED, RETIRED -> EnumSet.noneOf(OfferingStatus.class);
        };
    }

    public boolean canBecome(OfferingStatus target) {
        return next().contains(target);
    }
}

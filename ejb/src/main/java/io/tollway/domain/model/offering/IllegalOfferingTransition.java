package io.tollway.domain.model.offering;

/** An offering was asked to move to a status its current status does not lead to. */
public class IllegalOfferingTransition extends RuntimeException {

    public IllegalOfferingTransition(String offeringId, OfferingStatus from, OfferingStatus to) {
        super("offering " + offeringId + " is " + from + " and cannot become " + to);
    }
}

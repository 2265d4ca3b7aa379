package io.tollway.domain.model.offering;

/** No offering has the given id. */
public class OfferingNotFound extends RuntimeException {

    public OfferingNotFound(String id) {
        super("no offering " + id);
    }
}

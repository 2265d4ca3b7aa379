package io.tollway.domain.model.agreement;

/**
 * Another request of the same consumer with the same Idempotency-Key was stored first, while this
 * one was being handled: the database let only one of them through. Its transaction rolls back;
 * the request is then answered with the agreement the other one made.
 */
public class RequestKeyTaken extends RuntimeException {

    public RequestKeyTaken(String key) {
        super("another request with Idempotency-Key " + key + " was handled at the same moment; send the request again");
    }
}

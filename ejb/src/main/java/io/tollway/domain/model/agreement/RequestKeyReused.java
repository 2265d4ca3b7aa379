package io.tollway.domain.model.agreement;

/** 409: the consumer used the Idempotency-Key before, for a request of another agreement. */
public class RequestKeyReused extends RuntimeException {

    public RequestKeyReused(String key, String agreementId) {
        super("Idempotency-Key " + key + " was used before for another request (agreement " + agreementId
                + "); a new request needs a new key");
    }
}

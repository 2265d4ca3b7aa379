package io.tollway.domain.model.agreement;

/** No agreement with this id, or none the caller may see (the two are answered alike: 404). */
public class AgreementNotFound extends RuntimeException {

    public AgreementNotFound(String id) {
        super("no agreement " + id);
    }
}

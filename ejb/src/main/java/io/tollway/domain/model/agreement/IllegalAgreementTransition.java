package io.tollway.domain.model.agreement;

/** A step the agreement's current state does not allow (a late, repeated or out-of-order one). */
public class IllegalAgreementTransition extends RuntimeException {

    public IllegalAgreementTransition(String agreementId, AgreementStatus from, String step) {
        super("agreement " + agreementId + " is " + from + " and cannot " + step);
    }

    /** For steps that its status alone does not rule out, saying what does. */
    protected IllegalAgreementTransition(String message) {
        super(message);
    }
}

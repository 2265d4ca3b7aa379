package io.tollway.wallet;

/** A step the agreement's present state does not allow, e.g. a deposit before both approved, or credentials before provisioning. */
public class NotPossibleNow extends RuntimeException {

    public NotPossibleNow(String message) {
        super(message);
    }
}

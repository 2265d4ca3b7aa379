package io.tollway.infrastructure.chain.transaction;

/**
 * The instants at which a test may make the gateway die, to prove that a crash there loses or
 * doubles nothing. In production this is a no-op.
 */
@FunctionalInterface
public interface FaultPoints {

    /** After the signed row is committed, before its bytes are sent. */
    String SIGNED = "chain.signed";
    /** After the node accepted the bytes, before the row says SUBMITTED. */
    String SENT = "chain.sent";
    /** After the receipt is read, inside the transaction that records the outcome and announces it. */
    String MINED = "chain.mined";

    FaultPoints NONE = (point, subject) -> {
    };

    /** Throws when a failure is armed at this point (for everything or for this subject). */
    void check(String point, String subject);
}

package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Bill {@code ref} asked for {@code owed} but the deposit held only {@code paid}: everything left
 * went to the provider and the agreement ended as out of funds.
 */
public record OutOfFunds(EventPosition position, BigInteger agreementId, String ref,
                         BigInteger owed, BigInteger paid) implements EscrowEvent {

    public OutOfFunds {
        Objects.requireNonNull(position, "position");
        ChainValues.requireAmount(agreementId, "agreementId");
        ChainValues.requireHash(ref, "ref");
        ChainValues.requireAmount(owed, "owed");
        ChainValues.requireAmount(paid, "paid");
    }

    /** What the provider will not get for this bill. */
    public BigInteger shortfall() {
        return owed.subtract(paid);
    }
}

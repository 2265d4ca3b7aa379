package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The provider's bill {@code ref} was paid from the deposit: the base fee for {@code billedSeconds}
 * (at most an hour, uptime-scaled with an arbiter) and the usage charge {@code variableAmount}.
 */
public record BillPaid(EventPosition position, BigInteger agreementId, String ref,
                       BigInteger baseAmount, BigInteger variableAmount, long billedSeconds) implements EscrowEvent {

    public BillPaid {
        Objects.requireNonNull(position, "position");
        ChainValues.requireAmount(agreementId, "agreementId");
        ChainValues.requireHash(ref, "ref");
        ChainValues.requireAmount(baseAmount, "baseAmount");
        ChainValues.requireAmount(variableAmount, "variableAmount");
        if (billedSeconds < 0) {
            throw new IllegalArgumentException("billedSeconds must be 0 or more, was " + billedSeconds);
        }
    }

    public BigInteger total() {
        return baseAmount.add(variableAmount);
    }
}

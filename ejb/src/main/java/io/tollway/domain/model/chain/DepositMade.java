package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The consumer paid {@code amount} into the agreement ({@code Deposited}): what actually arrived,
 * which a fee-on-transfer token makes less than what was sent. {@code remaining} is the deposit
 * after it; the first deposit after approval also activates the agreement.
 */
public record DepositMade(EventPosition position, BigInteger agreementId, String consumer,
                          BigInteger amount, BigInteger remaining) implements EscrowEvent {

    public DepositMade {
        Objects.requireNonNull(position, "position");
        ChainValues.requireAmount(agreementId, "agreementId");
        ChainValues.requireAddress(consumer, "consumer");
        ChainValues.requireAmount(amount, "amount");
        ChainValues.requireAmount(remaining, "remaining");
    }
}

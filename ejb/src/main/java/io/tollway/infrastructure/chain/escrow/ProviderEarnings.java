package io.tollway.infrastructure.chain.escrow;

import java.math.BigInteger;

/**
 * {@code ServiceEscrow.earningsOf(provider)}, over all the provider's agreements.
 *
 * @param withdrawable earned minus withdrawn: what {@code withdrawEarnings} would move now
 */
public record ProviderEarnings(BigInteger earned, BigInteger withdrawn, BigInteger withdrawable) {
}

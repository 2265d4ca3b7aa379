package io.tollway.infrastructure.chain.escrow;

import java.math.BigInteger;

/**
 * {@code ServiceEscrow.balancesAt(id, at)}: the balances after a bill without usage at {@code at}.
 *
 * @param consumerRemaining the consumer's deposit left
 * @param providerEarned    all the provider earned from this agreement (setup fee, bills, settlement)
 * @param accrued           the base fee owed for the time since the last bill (0 unless Active)
 */
public record EscrowBalances(BigInteger consumerRemaining, BigInteger providerEarned, BigInteger accrued) {
}

package io.tollway.infrastructure.chain.channels;

import java.math.BigInteger;

/**
 * {@code PaymentChannels.accountOf(account)}: what closes and settlements credited to an account
 * (agent earnings, consumer refunds, returned stakes, network fees) and what it withdrew.
 *
 * @param withdrawable credited minus withdrawn: what {@code withdraw} would move now
 */
public record InternalBalance(BigInteger credited, BigInteger withdrawn, BigInteger withdrawable) {
}

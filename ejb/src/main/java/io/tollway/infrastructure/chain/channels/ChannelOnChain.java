package io.tollway.infrastructure.chain.channels;

import java.math.BigInteger;

/**
 * {@code PaymentChannels.channel(key)}: a channel as stored. A closed or settled channel is
 * deleted, so it reads as never opened (deposit 0).
 *
 * @param settleAfter    unix seconds from which the consumer may settle; 0 while no close was requested
 * @param closingBalance the balance the consumer claimed with its uncooperative close
 * @param feeBps         the network fee fixed when the channel opened
 */
public record ChannelOnChain(BigInteger deposit, long settleAfter, BigInteger closingBalance, int feeBps) {

    public boolean open() {
        return deposit.signum() > 0;
    }

    /** The consumer asked for an uncooperative close: the agent should answer with its best cheque before {@link #settleAfter}. */
    public boolean closeRequested() {
        return settleAfter != 0;
    }
}

package io.tollway.infrastructure.chain.channels;

import io.tollway.infrastructure.chain.Abi;

import java.math.BigInteger;

/**
 * {@code PaymentChannels.offering(hash)}: an offering as stored (agent zero: none).
 *
 * @param available channels that can still be opened (supply minus open channels)
 * @param updatedAt unix seconds of the registration or last pop-up
 */
public record OfferingOnChain(String agent, BigInteger minDeposit, int supply, int available, long updatedAt, BigInteger stake) {

    public boolean exists() {
        return !agent.equals(Abi.NO_ADDRESS);
    }
}

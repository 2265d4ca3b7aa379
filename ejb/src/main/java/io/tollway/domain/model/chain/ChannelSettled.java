package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The consumer settled the channel after the challenge period at its claimed {@code balance}: the
 * agent is credited {@code balance - fee}, the network {@code fee}, the consumer {@code refund}.
 */
public record ChannelSettled(EventPosition position, String channelKey, BigInteger balance, BigInteger fee,
                             BigInteger refund) implements ChannelEvent {

    public ChannelSettled {
        Objects.requireNonNull(position, "position");
        ChainValues.requireHash(channelKey, "channelKey");
        ChainValues.requireAmount(balance, "balance");
        ChainValues.requireAmount(fee, "fee");
        ChainValues.requireAmount(refund, "refund");
    }
}

package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The channel closed cooperatively at {@code balance}: the agent is credited {@code balance - fee},
 * the network {@code fee}, the consumer {@code refund}.
 */
public record ChannelClosed(EventPosition position, String channelKey, BigInteger balance, BigInteger fee,
                            BigInteger refund) implements ChannelEvent {

    public ChannelClosed {
        Objects.requireNonNull(position, "position");
        ChainValues.requireHash(channelKey, "channelKey");
        ChainValues.requireAmount(balance, "balance");
        ChainValues.requireAmount(fee, "fee");
        ChainValues.requireAmount(refund, "refund");
    }
}

package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.util.Objects;

/** The consumer added {@code added} to the channel; {@code deposit} is its whole deposit now. */
public record ChannelToppedUp(EventPosition position, String channelKey, BigInteger added, BigInteger deposit)
        implements ChannelEvent {

    public ChannelToppedUp {
        Objects.requireNonNull(position, "position");
        ChainValues.requireHash(channelKey, "channelKey");
        ChainValues.requireAmount(added, "added");
        ChainValues.requireAmount(deposit, "deposit");
    }
}

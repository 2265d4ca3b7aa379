package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.util.Objects;

/** A consumer opened a channel to {@code agent} for an offering, in block {@code openBlock}, with {@code deposit}. */
public record ChannelCreated(EventPosition position, String channelKey, String agent, String consumer,
                             String offeringHash, long openBlock, BigInteger deposit) implements ChannelEvent {

    public ChannelCreated {
        Objects.requireNonNull(position, "position");
        ChainValues.requireHash(channelKey, "channelKey");
        ChainValues.requireAddress(agent, "agent");
        ChainValues.requireAddress(consumer, "consumer");
        ChainValues.requireHash(offeringHash, "offeringHash");
        if (openBlock < 0) {
            throw new IllegalArgumentException("openBlock must be 0 or more, was " + openBlock);
        }
        ChainValues.requireAmount(deposit, "deposit");
    }
}

package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * The consumer asked for an uncooperative close claiming {@code balance}. Until {@code settleAfter}
 * the agent can still close cooperatively with a balance at least as high (its last cheque); after
 * it the consumer may settle.
 */
public record ChannelCloseRequested(EventPosition position, String channelKey, BigInteger balance, Instant settleAfter)
        implements ChannelEvent {

    public ChannelCloseRequested {
        Objects.requireNonNull(position, "position");
        ChainValues.requireHash(channelKey, "channelKey");
        ChainValues.requireAmount(balance, "balance");
        Objects.requireNonNull(settleAfter, "settleAfter");
    }
}

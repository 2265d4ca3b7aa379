package io.tollway.domain.model.chain;

import java.util.Comparator;

/**
 * Where an event happened: the block (number and hash, since a number alone may name a block that
 * a reorganisation replaced), the log's index within that block and the transaction that emitted it.
 */
public record EventPosition(long blockNumber, String blockHash, int logIndex, String transactionHash)
        implements Comparable<EventPosition> {

    private static final Comparator<EventPosition> CHAIN_ORDER =
            Comparator.comparingLong(EventPosition::blockNumber).thenComparingInt(EventPosition::logIndex);

    public EventPosition {
        if (blockNumber < 0 || logIndex < 0) {
            throw new IllegalArgumentException("block number and log index must be 0 or more, were "
                    + blockNumber + " and " + logIndex);
        }
        ChainValues.requireHash(blockHash, "blockHash");
        ChainValues.requireHash(transactionHash, "transactionHash");
    }

    /** Chain order: by block, then by log index. */
    @Override
    public int compareTo(EventPosition other) {
        return CHAIN_ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "block " + blockNumber + " (" + blockHash + ") log " + logIndex;
    }
}

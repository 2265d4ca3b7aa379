package io.tollway.infrastructure.chain.transaction;

import java.time.Duration;

/**
 * How the gateway follows its transactions.
 *
 * @param confirmations blocks that must carry a transaction (its own included) before it is final
 * @param dropAfter     how long a sent transaction may be unknown to the node before it counts as dropped
 * @param idlePoll      how often idle workers look for work they were not woken for
 * @param batchSize     rows signed, sent or tracked per round
 */
public record GatewaySettings(int confirmations, Duration dropAfter, Duration idlePoll, int batchSize) {

    public GatewaySettings {
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1 (the block that holds the transaction)");
        }
        if (dropAfter.isNegative() || idlePoll.isNegative() || idlePoll.isZero()) {
            throw new IllegalArgumentException("dropAfter must not be negative and idlePoll must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
    }

    public static GatewaySettings defaults() {
        return new GatewaySettings(1, Duration.ofSeconds(60), Duration.ofMillis(500), 200);
    }

    public GatewaySettings withConfirmations(int blocks) {
        return new GatewaySettings(blocks, dropAfter, idlePoll, batchSize);
    }

    public GatewaySettings withDropAfter(Duration duration) {
        return new GatewaySettings(confirmations, duration, idlePoll, batchSize);
    }
}

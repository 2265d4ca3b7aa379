package io.tollway.infrastructure.chain.transaction;

import java.math.BigInteger;
import java.time.Duration;

/**
 * How the gateway follows its transactions.
 *
 * @param confirmations blocks that must carry a transaction (its own included) before it is final
 * @param dropAfter     how long a sent transaction may be unknown to the node before it counts as dropped
 * @param idlePoll      how often idle workers look for work they were not woken for
 * @param batchSize     rows signed, sent or tracked per round
 * @param maxFeePerGas  the most any signed version may offer per gas, in wei: the fee ceiling
 */
public record GatewaySettings(int confirmations, Duration dropAfter, Duration idlePoll, int batchSize, BigInteger maxFeePerGas) {

    /** 500 gwei: far above what a calm network asks, low enough that a runaway fee cannot empty the signer. */
    public static final BigInteger DEFAULT_MAX_FEE_PER_GAS = BigInteger.valueOf(500_000_000_000L);

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
        if (maxFeePerGas == null || maxFeePerGas.signum() <= 0) {
            throw new IllegalArgumentException("maxFeePerGas must be positive, was " + maxFeePerGas);
        }
    }

    public static GatewaySettings defaults() {
        return new GatewaySettings(1, Duration.ofSeconds(60), Duration.ofMillis(500), 200, DEFAULT_MAX_FEE_PER_GAS);
    }

    public GatewaySettings withConfirmations(int blocks) {
        return new GatewaySettings(blocks, dropAfter, idlePoll, batchSize, maxFeePerGas);
    }

    public GatewaySettings withDropAfter(Duration duration) {
        return new GatewaySettings(confirmations, duration, idlePoll, batchSize, maxFeePerGas);
    }

    public GatewaySettings withMaxFeePerGas(BigInteger wei) {
        return new GatewaySettings(confirmations, dropAfter, idlePoll, batchSize, wei);
    }
}

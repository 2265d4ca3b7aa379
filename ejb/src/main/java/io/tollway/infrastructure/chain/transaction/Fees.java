package io.tollway.infrastructure.chain.transaction;

import java.math.BigInteger;

/** The EIP-1559 fee caps of one signed version of a transaction, in wei per gas. */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

    private static final BigInteger EIGHT = BigInteger.valueOf(8);
    private static final BigInteger NINE = BigInteger.valueOf(9);

    /** Fees the current block would take: twice the base fee (room for six full blocks of rises) plus the tip. */
    public static Fees forBaseFee(BigInteger baseFee, BigInteger tip) {
        return new Fees(baseFee.shiftLeft(1).add(tip), tip);
    }

    /**
     * Fees for a replacement under the same nonce: at least 12.5 % above these on both caps (nodes
     * refuse a replacement below +10 %), or the current fees if those are higher.
     */
    public Fees bumpedAtLeastTo(Fees current) {
        BigInteger tip = bump(maxPriorityFeePerGas).max(current.maxPriorityFeePerGas);
        BigInteger max = bump(maxFeePerGas).max(current.maxFeePerGas).max(tip);
        return new Fees(max, tip);
    }

    private static BigInteger bump(BigInteger fee) {
        return fee.multiply(NINE).divide(EIGHT).add(BigInteger.ONE);
    }
}

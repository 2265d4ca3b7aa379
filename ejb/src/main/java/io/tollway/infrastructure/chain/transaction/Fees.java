package io.tollway.infrastructure.chain.transaction;

import java.math.BigInteger;
import java.util.Optional;

/** The EIP-1559 fee caps of one signed version of a transaction, in wei per gas. */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

    private static final BigInteger EIGHT = BigInteger.valueOf(8);
    private static final BigInteger NINE = BigInteger.valueOf(9);
    private static final BigInteger TEN = BigInteger.TEN;
    private static final BigInteger ELEVEN = BigInteger.valueOf(11);

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

    /** These fees, neither cap above {@code ceiling}. */
    public Fees cappedAt(BigInteger ceiling) {
        BigInteger max = maxFeePerGas.min(ceiling);
        return new Fees(max, maxPriorityFeePerGas.min(max));
    }

    /**
     * A replacement of these fees at most {@code ceiling}, or nothing when these are so close to
     * the ceiling that no version under it would be taken as a replacement.
     */
    public Optional<Fees> replacementUnder(Fees current, BigInteger ceiling) {
        Fees replacement = bumpedAtLeastTo(current).cappedAt(ceiling);
        return replacement.replaces(this) ? Optional.of(replacement) : Optional.empty();
    }

    /** Whether a node takes these as a replacement of {@code earlier}: both caps at least 10 % higher. */
    public boolean replaces(Fees earlier) {
        return tenPercentAbove(maxFeePerGas, earlier.maxFeePerGas) && tenPercentAbove(maxPriorityFeePerGas, earlier.maxPriorityFeePerGas);
    }

    /** Whether a block whose base fee {@code current} was made for could include a transaction with these fees. */
    public boolean payableAt(Fees current) {
        // current = 2 × base fee + tip (forBaseFee)
        BigInteger baseFee = current.maxFeePerGas.subtract(current.maxPriorityFeePerGas).shiftRight(1);
        return maxFeePerGas.compareTo(baseFee) >= 0;
    }

    private static boolean tenPercentAbove(BigInteger fee, BigInteger earlier) {
        return fee.multiply(TEN).compareTo(earlier.multiply(ELEVEN)) >= 0;
    }

    private static BigInteger bump(BigInteger fee) {
        return fee.multiply(NINE).divide(EIGHT).add(BigInteger.ONE);
    }
}

package io.tollway.domain.model.agreement;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The price of an escrow-billed agreement, in the token's smallest unit: a setup fee charged at
 * activation, a base fee per hour, a cap per hour on usage charges, and a notice period the
 * provider is paid after a stop. The arithmetic is the contract's ({@code ServiceEscrow}), to the
 * last unit: integer division rounds down, in the consumer's favour.
 *
 * <p>Terms the contract would refuse are refused where they are built, naming the field: a
 * negative fee, a base fee of 0 (the contract never lets such an agreement start), fees above
 * uint96 and a notice period above uint32.
 */
public record EscrowTerms(BigInteger setupFee, BigInteger baseFeePerHour, BigInteger variableFeePerHour, long lockupSeconds) {

    /** The longest stretch one bill covers; time beyond it is not billed. */
    public static final long MAX_BILL_SECONDS = 3600;
    /** A full uptime, in basis points. */
    public static final int FULL_UPTIME_BPS = 10_000;

    /** The largest fee {@code ServiceEscrow.setTerms} accepts (uint96); larger terms could never go on chain. */
    public static final BigInteger MAX_FEE = BigInteger.TWO.pow(96).subtract(BigInteger.ONE);
    /** The longest notice period {@code ServiceEscrow.setTerms} accepts (uint32). */
    public static final long MAX_LOCKUP_SECONDS = 0xFFFF_FFFFL;

    private static final BigInteger HOUR = BigInteger.valueOf(MAX_BILL_SECONDS);

    public EscrowTerms {
        requireFee(setupFee, "setupFee");
        requireFee(variableFeePerHour, "variableFeePerHour");
        if (Objects.requireNonNull(baseFeePerHour, "baseFeePerHour").signum() <= 0) {
            throw new InvalidTerms("baseFeePerHour must be more than 0, was " + baseFeePerHour);
        }
        requireFee(baseFeePerHour, "baseFeePerHour");
        if (lockupSeconds < 0 || lockupSeconds > MAX_LOCKUP_SECONDS) {
            throw new InvalidTerms("lockupSeconds must be 0 to " + MAX_LOCKUP_SECONDS + ", was " + lockupSeconds);
        }
    }

    private static void requireFee(BigInteger amount, String name) {
        if (Objects.requireNonNull(amount, name).signum() < 0) {
            throw new InvalidTerms(name + " must be 0 or more, was " + amount);
        }
        if (amount.compareTo(MAX_FEE) > 0) {
            throw new InvalidTerms(name + " must be at most 2^96 - 1 (the contract's limit), was " + amount);
        }
    }

    /** Seconds a bill at {@code at} covers after the last one at {@code lastBillAt}: at most an hour. */
    public static long billableSeconds(long lastBillAt, long at) {
        return Math.min(Math.max(at - lastBillAt, 0), MAX_BILL_SECONDS);
    }

    /** The base fee for {@code seconds}, scaled by an uptime in basis points (10,000 without an arbiter). */
    public BigInteger basePart(long seconds, int uptimeBps) {
        int bps = Math.max(0, Math.min(uptimeBps, FULL_UPTIME_BPS));
        return baseFeePerHour.multiply(BigInteger.valueOf(seconds)).multiply(BigInteger.valueOf(bps))
                .divide(HOUR.multiply(BigInteger.valueOf(FULL_UPTIME_BPS)));
    }

    /** The most usage that may be charged for {@code seconds} (drain protection). */
    public BigInteger usageCap(long seconds) {
        return variableFeePerHour.multiply(BigInteger.valueOf(seconds)).divide(HOUR);
    }

    /** What the notice period is worth; a deposit never drops below it while the agreement runs. */
    public BigInteger lockupAmount() {
        return baseFeePerHour.multiply(BigInteger.valueOf(lockupSeconds)).divide(HOUR);
    }

    /** The smallest first deposit: the setup fee and the notice period. */
    public BigInteger minimumFirstDeposit() {
        return setupFee.add(lockupAmount());
    }
}

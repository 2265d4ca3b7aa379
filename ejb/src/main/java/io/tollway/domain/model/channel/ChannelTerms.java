package io.tollway.domain.model.channel;

import io.tollway.domain.model.agreement.InvalidTerms;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The price and limits of a payment-channel offering, in the token's smallest unit: what one unit
 * of service is called and costs, a setup price paid once, how many units a channel must buy at
 * least and may use at most, how many used units may stay unpaid before the service is
 * suspended, how long a channel may go without usage or stay suspended before it is ended, and
 * how many channels may be open on the offering at once.
 *
 * <p>Nonsense is refused where it is built, naming the field: a unit price of 0 (the unpaid-units
 * formula divides by it; Privatix divided by zero), a negative setup price, fewer than one
 * minimum unit, a maximum below the minimum, a negative lag, times of 0 or less, a supply outside
 * the contract's 1..65535, and a stake ({@link #minimumDeposit()} × supply) the contract cannot
 * hold (more than 2^128 − 1).
 *
 * @param unitName           what one unit is called, e.g. "MB" or "minute" (1 to 64 characters, not blank)
 * @param unitPrice          price of one unit, more than 0
 * @param setupPrice         paid once per channel, 0 or more
 * @param minUnits           units a channel's deposit must pay for at least, 1 or more
 * @param maxUnits           units a channel may use at most, at least {@code minUnits}
 * @param maxBillingUnitLag  used units that may be unpaid before the service is suspended, 0 or more
 * @param maxInactiveSeconds seconds without usage after which the channel is ended, more than 0
 * @param maxSuspendSeconds  seconds of suspension after which the channel is ended, more than 0
 * @param supply             channels that may be open on the offering at once, 1 to 65535
 */
public record ChannelTerms(String unitName, BigInteger unitPrice, BigInteger setupPrice, long minUnits, long maxUnits,
                           long maxBillingUnitLag, long maxInactiveSeconds, long maxSuspendSeconds, int supply) {

    /** The most channels one offering may have open at once ({@code PaymentChannels}' uint16). */
    public static final int MAX_SUPPLY = 65_535;
    /** The largest amount the contract holds in one offering's stake or one channel's deposit. */
    public static final BigInteger MAX_AMOUNT = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    private static final int MAX_UNIT_NAME_LENGTH = 64;

    public ChannelTerms {
        Objects.requireNonNull(unitName, "unitName");
        if (unitName.isBlank() || unitName.length() > MAX_UNIT_NAME_LENGTH) {
            throw new InvalidTerms("unitName must be 1 to " + MAX_UNIT_NAME_LENGTH + " characters and not blank");
        }
        if (Objects.requireNonNull(unitPrice, "unitPrice").signum() <= 0) {
            throw new InvalidTerms("unitPrice must be more than 0, was " + unitPrice);
        }
        if (Objects.requireNonNull(setupPrice, "setupPrice").signum() < 0) {
            throw new InvalidTerms("setupPrice must be 0 or more, was " + setupPrice);
        }
        if (minUnits < 1) {
            throw new InvalidTerms("minUnits must be 1 or more, was " + minUnits);
        }
        if (maxUnits < minUnits) {
            throw new InvalidTerms("maxUnits must be at least minUnits (" + minUnits + "), was " + maxUnits);
        }
        if (maxBillingUnitLag < 0) {
            throw new InvalidTerms("maxBillingUnitLag must be 0 or more, was " + maxBillingUnitLag);
        }
        if (maxInactiveSeconds <= 0) {
            throw new InvalidTerms("maxInactiveSeconds must be more than 0, was " + maxInactiveSeconds);
        }
        if (maxSuspendSeconds <= 0) {
            throw new InvalidTerms("maxSuspendSeconds must be more than 0, was " + maxSuspendSeconds);
        }
        if (supply < 1 || supply > MAX_SUPPLY) {
            throw new InvalidTerms("supply must be 1 to " + MAX_SUPPLY + ", was " + supply);
        }
        BigInteger stake = price(unitPrice, setupPrice, minUnits).multiply(BigInteger.valueOf(supply));
        if (stake.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidTerms("supply × minimum deposit (the stake) must be at most 2^128 - 1 (the contract's limit), was " + stake);
        }
    }

    private static BigInteger price(BigInteger unitPrice, BigInteger setupPrice, long units) {
        return unitPrice.multiply(BigInteger.valueOf(units)).add(setupPrice);
    }

    /** The smallest deposit a channel opens with: {@code unitPrice × minUnits + setupPrice} (the offering's minDeposit on chain). */
    public BigInteger minimumDeposit() {
        return price(minUnits);
    }

    /** What the agent stakes when it registers the offering: {@code minimumDeposit() × supply}. */
    public BigInteger stake() {
        return minimumDeposit().multiply(BigInteger.valueOf(supply));
    }

    /** The price of {@code units} units including the setup price. */
    public BigInteger price(long units) {
        return price(unitPrice, setupPrice, units);
    }

    /** Whole units a {@code deposit} pays for after the setup price (0 when it does not even cover the setup). */
    public long unitsCoveredBy(BigInteger deposit) {
        BigInteger afterSetup = deposit.subtract(setupPrice);
        if (afterSetup.signum() <= 0) {
            return 0;
        }
        return afterSetup.divide(unitPrice).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }
}

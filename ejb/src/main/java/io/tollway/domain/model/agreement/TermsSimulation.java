package io.tollway.domain.model.agreement;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an escrow agreement on some terms does to both parties' money over its life, like the
 * spreadsheet simulation of the service-management design Tollway learns from: the consumer
 * deposits on a schedule, the provider bills at an interval (base fee plus usage within the cap)
 * and withdraws its earnings by a policy; at the end of the horizon the consumer stops, the
 * provider is paid the notice period and the consumer gets the rest back. Every bill and the stop
 * are {@link EscrowAccount}'s, so the figures are the contract's to the last unit.
 */
public final class TermsSimulation {

    /** Ticks simulated at most (a year at one bill a minute is 525,600: too many for a page). */
    public static final int MAX_BILLS = 100_000;
    /** Points kept for the chart. */
    public static final int MAX_POINTS = 400;

    /** The first deposit, then {@code topUp} every {@code topUpEveryHours} hours (0: never). */
    public record Deposits(BigInteger first, BigInteger topUp, long topUpEveryHours) {
        public Deposits {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(topUp, "topUp");
            if (topUp.signum() < 0 || topUpEveryHours < 0) {
                throw new IllegalArgumentException("top-ups and their interval must be 0 or more");
            }
        }
    }

    /**
     * The provider withdraws everything earned and not yet withdrawn every {@code everyHours}
     * hours (0: not by time), or as soon as that reaches {@code atLeast} (0: not by amount).
     */
    public record Withdrawals(long everyHours, BigInteger atLeast) {
        public Withdrawals {
            Objects.requireNonNull(atLeast, "atLeast");
            if (everyHours < 0 || atLeast.signum() < 0) {
                throw new IllegalArgumentException("the withdrawal interval and threshold must be 0 or more");
            }
        }

        boolean due(long minute, long lastMinute, BigInteger unwithdrawn) {
            if (unwithdrawn.signum() <= 0) {
                return false;
            }
            boolean byTime = everyHours > 0 && minute / (everyHours * 60) > lastMinute / (everyHours * 60);
            boolean byAmount = atLeast.signum() > 0 && unwithdrawn.compareTo(atLeast) >= 0;
            return byTime || byAmount;
        }
    }

    /**
     * One moment of the life, in minutes from the first deposit. The consumer's balance is what
     * the escrow holds for it; the provider's is what it earned and has not withdrawn.
     */
    public record Step(long minute, BigInteger consumerDeposited, BigInteger consumerBalance, BigInteger providerBalance,
                       BigInteger providerWithdrawn) {
    }

    /**
     * How the life ended: STOPPED at the horizon, or OUT_OF_FUNDS at {@code endedAtMinute};
     * {@code unbilledUsage} is usage the cap never let through (Tollway carries usage above the
     * cap to the next bill, as its billing does, and what is left at the end is never charged).
     */
    public record Result(List<Step> steps, String ending, long endedAtMinute, BigInteger deposited, BigInteger paidToProvider,
                         BigInteger refunded, int bills, BigInteger unbilledUsage) {
    }

    private TermsSimulation() {
    }

    /**
     * @param usagePerHour    usage the provider reports per hour, pro rata for each bill's time; each bill charges what the cap allows
     * @param hours           the horizon: the consumer stops then, unless the deposit ran out before
     * @param billEveryMinutes the billing interval, 1 to 60 minutes
     */
    public static Result run(EscrowTerms terms, Deposits deposits, BigInteger usagePerHour, Withdrawals withdrawals, long hours,
                             long billEveryMinutes) {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(usagePerHour, "usagePerHour");
        if (billEveryMinutes < 1 || billEveryMinutes > 60) {
            throw new IllegalArgumentException("the billing interval must be 1 to 60 minutes, was " + billEveryMinutes);
        }
        if (hours < 1) {
            throw new IllegalArgumentException("the horizon must be at least one hour, was " + hours);
        }
        if (hours * 60 / billEveryMinutes > MAX_BILLS) {
            throw new IllegalArgumentException("at most " + MAX_BILLS + " bills: shorten the horizon or bill less often");
        }
        if (usagePerHour.signum() < 0) {
            throw new IllegalArgumentException("usage must be 0 or more, was " + usagePerHour);
        }
        Instant start = Instant.EPOCH;
        EscrowAccount account = EscrowAccount.activate(terms, deposits.first(), start);
        BigInteger withdrawn = BigInteger.ZERO;
        List<Step> steps = new ArrayList<>();
        steps.add(step(0, account, withdrawn));
        long end = hours * 60;
        long minute = 0;
        long lastWithdrawal = 0;
        int bills = 0;
        BigInteger pendingUsage = BigInteger.ZERO;
        while (minute < end && account.state() == EscrowAccount.State.ACTIVE) {
            long next = Math.min(minute + billEveryMinutes, end);
            if (deposits.topUpEveryHours() > 0 && deposits.topUp().signum() > 0) {
                long every = deposits.topUpEveryHours() * 60;
                for (long due = (minute / every + 1) * every; due <= next; due += every) {
                    account.topUp(deposits.topUp());
                }
            }
            long seconds = (next - minute) * 60;
            pendingUsage = pendingUsage.add(usagePerHour.multiply(BigInteger.valueOf(seconds))
                    .divide(BigInteger.valueOf(EscrowTerms.MAX_BILL_SECONDS)));
            // as Tollway prepares a bill: the usage not billed yet, as far as the cap for the time since the last bill allows
            BigInteger usage = pendingUsage.min(terms.usageCap(seconds));
            account.bill(usage, start.plusSeconds(next * 60), EscrowTerms.FULL_UPTIME_BPS);
            pendingUsage = pendingUsage.subtract(usage);
            bills++;
            minute = next;
            BigInteger unwithdrawn = earned(account).subtract(withdrawn);
            if (withdrawals.due(minute, lastWithdrawal, unwithdrawn)) {
                withdrawn = withdrawn.add(unwithdrawn);
                lastWithdrawal = minute;
            }
            steps.add(step(minute, account, withdrawn));
        }
        String ending = "OUT_OF_FUNDS";
        if (account.state() == EscrowAccount.State.ACTIVE) {
            account.stop(start.plusSeconds(end * 60), EscrowTerms.FULL_UPTIME_BPS);
            ending = "STOPPED";
        }
        // the provider takes what it was paid at the end (before the refund empties the escrow), the consumer what is left
        withdrawn = earned(account);
        BigInteger refunded = account.refund();
        steps.add(new Step(minute, account.deposited(), BigInteger.ZERO, BigInteger.ZERO, withdrawn));
        return new Result(EscrowProjection.sample(steps, MAX_POINTS), ending, minute, account.deposited(), withdrawn, refunded,
                bills, pendingUsage);
    }

    /** Everything the provider was paid from the escrow so far: the setup fee and the bills. */
    private static BigInteger earned(EscrowAccount account) {
        return account.deposited().subtract(account.remaining());
    }

    private static Step step(long minute, EscrowAccount account, BigInteger withdrawn) {
        return new Step(minute, account.deposited(), account.remaining(), earned(account).subtract(withdrawn), withdrawn);
    }
}

package io.tollway.domain.model.agreement;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An escrow agreement's balances from now on if nothing but the base fee were billed, at the
 * billing interval, until the deposit runs out: what the console draws as the projection. The
 * bills are the formula's ({@link EscrowAccount#bill}), so the projected out-of-funds bill is the
 * one the contract would make.
 */
public final class EscrowProjection {

    /** Bills projected at most; far enough for a year at a 15-minute interval. */
    static final int MAX_BILLS = 40_000;

    /** One projected moment: the consumer's deposit left and what the provider has earned in total. */
    public record Point(Instant at, BigInteger consumerRemaining, BigInteger providerEarned) {
    }

    /**
     * @param points        from the last bill to the out-of-funds bill (or the horizon), at most the asked number
     * @param outOfFundsAt  when the deposit stops covering the base fee above the notice reserve; empty once ended
     * @param runsOut       whether the out-of-funds bill falls within the projected bills
     */
    public record Projection(List<Point> points, Optional<Instant> outOfFundsAt, boolean runsOut) {
    }

    private EscrowProjection() {
    }

    /**
     * @param deposited  everything deposited so far
     * @param remaining  what the escrow holds for the agreement now
     * @param lastBillAt the escrow's last bill (its activation before the first bill)
     * @param billEvery  the billing interval, at most an hour (time beyond an hour is never billed)
     * @param maxPoints  how many points to keep for drawing (at least 2); bills in between are left out evenly
     */
    public static Projection of(EscrowTerms terms, BigInteger deposited, BigInteger remaining, Instant lastBillAt,
                                Duration billEvery, int maxPoints) {
        Objects.requireNonNull(billEvery, "billEvery");
        if (billEvery.isNegative() || billEvery.isZero() || billEvery.getSeconds() > EscrowTerms.MAX_BILL_SECONDS) {
            throw new IllegalArgumentException("the billing interval must be more than 0 and at most an hour, was " + billEvery);
        }
        if (maxPoints < 2) {
            throw new IllegalArgumentException("at least 2 points, asked for " + maxPoints);
        }
        EscrowAccount account = EscrowAccount.restore(terms, deposited, remaining, lastBillAt);
        Optional<Instant> outOfFundsAt = account.outOfFundsAt();
        List<Point> all = new ArrayList<>();
        all.add(point(account, lastBillAt));
        Instant at = lastBillAt;
        for (int bill = 0; bill < MAX_BILLS && account.state() == EscrowAccount.State.ACTIVE; bill++) {
            at = at.plus(billEvery);
            account.bill(BigInteger.ZERO, at, EscrowTerms.FULL_UPTIME_BPS);
            all.add(point(account, at));
        }
        return new Projection(sample(all, maxPoints), outOfFundsAt, account.state() == EscrowAccount.State.OUT_OF_FUNDS);
    }

    private static Point point(EscrowAccount account, Instant at) {
        return new Point(at, account.remaining(), account.deposited().subtract(account.remaining()));
    }

    /** Evenly spaced points, always with the first and the last. */
    static <T> List<T> sample(List<T> all, int max) {
        if (all.size() <= max) {
            return List.copyOf(all);
        }
        List<T> kept = new ArrayList<>(max);
        double step = (all.size() - 1) / (double) (max - 1);
        for (int i = 0; i < max - 1; i++) {
            kept.add(all.get((int) Math.round(i * step)));
        }
        kept.add(all.get(all.size() - 1));
        return kept;
    }
}

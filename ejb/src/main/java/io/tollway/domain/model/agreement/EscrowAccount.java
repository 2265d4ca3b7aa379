package io.tollway.domain.model.agreement;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The money of one escrow-billed agreement as the off-chain ledger keeps it: a pure function of
 * the terms, the deposits and the bills, equal to the contract's own accounts to the last unit.
 * The console shows balances from it, and projects them forward, without asking the chain.
 *
 * <p>Life: the first deposit activates the account and pays the setup fee; top-ups add to it;
 * each bill pays the base fee for the time since the last bill (at most an hour) plus usage up
 * to the cap, never eating into the notice-period reserve; a bill the deposit cannot cover takes
 * what is left and ends the account out of funds; a stop settles the base fee so far plus the
 * notice period, and the consumer gets the rest back.
 */
public final class EscrowAccount {

    /** Where the account stands. */
    public enum State { ACTIVE, STOPPED, OUT_OF_FUNDS }

    /** The result of a bill: what it charged, or why it charged nothing. */
    public record Bill(Outcome outcome, BigInteger charged) {

        /** Paid in full; refused for usage over the cap (nothing changes); or the last money left. */
        public enum Outcome { PAID, OVER_CAP, OUT_OF_FUNDS }
    }

    /** Balances at a moment, as if a usage-free bill were made then. */
    public record Balances(BigInteger consumerRemaining, BigInteger providerEarned, BigInteger accrued) {
    }

    private final EscrowTerms terms;
    private BigInteger deposited;
    private BigInteger remaining;
    private BigInteger refunded = BigInteger.ZERO;
    private long lastBillAt;
    private State state = State.ACTIVE;

    private EscrowAccount(EscrowTerms terms, BigInteger deposit, long at) {
        this.terms = terms;
        this.deposited = deposit;
        this.remaining = deposit.subtract(terms.setupFee());
        this.lastBillAt = at;
    }

    /**
     * The account as the chain holds it now, to project it forward: what was deposited, what is
     * left and when it was last billed (the escrow's {@code lastBill}).
     */
    public static EscrowAccount restore(EscrowTerms terms, BigInteger deposited, BigInteger remaining, Instant lastBillAt) {
        Objects.requireNonNull(terms, "terms");
        if (deposited.signum() < 0 || remaining.signum() < 0 || remaining.compareTo(deposited) > 0) {
            throw new IllegalArgumentException("remaining must be 0 to deposited, was " + remaining + " of " + deposited);
        }
        EscrowAccount account = new EscrowAccount(terms, deposited, lastBillAt.getEpochSecond());
        account.remaining = remaining;
        return account;
    }

    /** The first deposit: must cover the setup fee and the notice period; billing time starts now. */
    public static EscrowAccount activate(EscrowTerms terms, BigInteger deposit, Instant at) {
        Objects.requireNonNull(terms, "terms");
        if (deposit == null || deposit.compareTo(terms.minimumFirstDeposit()) < 0) {
            throw new IllegalArgumentException("the first deposit must be at least " + terms.minimumFirstDeposit());
        }
        return new EscrowAccount(terms, deposit, at.getEpochSecond());
    }

    public void topUp(BigInteger amount) {
        requireActive();
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("a top-up must be more than 0");
        }
        deposited = deposited.add(amount);
        remaining = remaining.add(amount);
    }

    /** Bills the base fee since the last bill (scaled by uptime) plus {@code usage}. */
    public Bill bill(BigInteger usage, Instant at, int uptimeBps) {
        requireActive();
        long now = at.getEpochSecond();
        long seconds = EscrowTerms.billableSeconds(lastBillAt, now);
        if (usage.signum() < 0 || usage.compareTo(terms.usageCap(seconds)) > 0) {
            return new Bill(Bill.Outcome.OVER_CAP, BigInteger.ZERO);
        }
        BigInteger owed = terms.basePart(seconds, uptimeBps).add(usage);
        lastBillAt = now;
        if (owed.add(terms.lockupAmount()).compareTo(remaining) <= 0) {
            remaining = remaining.subtract(owed);
            return new Bill(Bill.Outcome.PAID, owed);
        }
        BigInteger last = remaining;
        remaining = BigInteger.ZERO;
        state = State.OUT_OF_FUNDS;
        return new Bill(Bill.Outcome.OUT_OF_FUNDS, last);
    }

    /** Stops the account: the provider gets the base fee so far and the notice period, capped by the deposit. */
    public BigInteger stop(Instant at, int uptimeBps) {
        requireActive();
        long now = at.getEpochSecond();
        BigInteger settled = settlementAt(now, uptimeBps);
        remaining = remaining.subtract(settled);
        lastBillAt = now;
        state = State.STOPPED;
        return settled;
    }

    /** The consumer takes back what is left of an ended account. */
    public BigInteger refund() {
        if (state == State.ACTIVE) {
            throw new IllegalStateException("the account still runs; stop it first");
        }
        BigInteger amount = remaining;
        refunded = refunded.add(amount);
        remaining = BigInteger.ZERO;
        return amount;
    }

    public Balances balancesAt(Instant at, int uptimeBps) {
        BigInteger earned = deposited.subtract(refunded).subtract(remaining);
        if (state != State.ACTIVE) {
            return new Balances(remaining, earned, BigInteger.ZERO);
        }
        BigInteger base = terms.basePart(EscrowTerms.billableSeconds(lastBillAt, at.getEpochSecond()), uptimeBps);
        BigInteger available = remaining.subtract(terms.lockupAmount());
        BigInteger accrued = base.compareTo(available) <= 0 ? base : remaining;
        return new Balances(remaining.subtract(accrued), earned.add(accrued), accrued);
    }

    /**
     * When, billed regularly at full uptime and without usage, the deposit stops covering the
     * base fee above the notice-period reserve; empty once the account has ended.
     */
    public Optional<Instant> outOfFundsAt() {
        if (state != State.ACTIVE) {
            return Optional.empty();
        }
        BigInteger available = remaining.subtract(terms.lockupAmount());
        long seconds = available.multiply(BigInteger.valueOf(EscrowTerms.MAX_BILL_SECONDS))
                .divide(terms.baseFeePerHour()).longValueExact() + 1;
        return Optional.of(Instant.ofEpochSecond(lastBillAt + seconds));
    }

    private BigInteger settlementAt(long at, int uptimeBps) {
        BigInteger owed = terms.basePart(EscrowTerms.billableSeconds(lastBillAt, at), uptimeBps).add(terms.lockupAmount());
        return owed.min(remaining);
    }

    private void requireActive() {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("the account is " + state);
        }
    }

    public State state() {
        return state;
    }

    public BigInteger remaining() {
        return remaining;
    }

    public BigInteger deposited() {
        return deposited;
    }

    public Instant lastBillAt() {
        return Instant.ofEpochSecond(lastBillAt);
    }
}

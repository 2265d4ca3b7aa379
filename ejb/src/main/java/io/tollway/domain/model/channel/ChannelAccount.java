package io.tollway.domain.model.channel;

import io.tollway.domain.model.agreement.TerminationCause;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The off-chain ledger of one payment channel: the deposit, the units the provider reported, the
 * best cheque the consumer signed, and from them what is owed, how far payment lags behind usage,
 * and what the service should do at any moment. Time always comes in as an argument.
 *
 * <p>Life: the consumer opens the channel on chain with at least {@link
 * ChannelTerms#minimumDeposit()} and may top it up. The provider reports usage; each report has a
 * key, and a key seen before is not counted again. The consumer signs cumulative cheques; one is
 * accepted only when it is for this channel, signed by this channel's consumer (the address of
 * the {@code ChannelCreated} event, never one from a request) on this deployment's domain, at
 * most the deposit and strictly above the best one so far — the best is what the provider closes
 * with. At each review the service is suspended when unpaid units exceed {@link
 * ChannelTerms#maxBillingUnitLag()}, resumed when a cheque brings them back within it, and
 * terminated when the maximum units are used, when the deposit pays for no further unit, after
 * {@link ChannelTerms#maxInactiveSeconds()} without usage or {@link
 * ChannelTerms#maxSuspendSeconds()} of suspension, or when the consumer requests an uncooperative
 * close; the provider then answers with the best cheque if it is above the consumer's claim.
 *
 * <p>Amounts (token's smallest unit), with {@code b = min(units, maxUnits)} billable units:
 * <ul>
 * <li>{@code owed = min(setupPrice + b × unitPrice, deposit)} — the consumer never owes more than
 * the maximum units nor more than it deposited;</li>
 * <li>{@code paidUnits = floor((bestCheque − setupPrice) / unitPrice)}, rounded towards minus
 * infinity: the setup price is paid first; a unit paid in part is not paid; and while the setup
 * is not fully paid the quotient is negative, so its unpaid part counts as whole units of lag
 * (a setup of 2.5 unit prices with nothing paid is 3 units of lag before any usage). Java's
 * {@code BigInteger.divide} rounds towards zero and would count a setup paid in part as
 * nothing owed;</li>
 * <li>{@code lag = max(0, b − paidUnits)} = the unpaid part of {@code setupPrice + b × unitPrice}
 * in unit prices, rounded up; a consumer who paid ahead has lag 0, not a negative one.</li>
 * </ul>
 *
 * <p>Decisions, in this order: an ended account stays ended (the same answer again, so a retried
 * step gets it too); {@code MAX_UNITS} when units reach the maximum (a top-up would not help, so
 * it comes first); {@code DEPOSIT_EXHAUSTED} when units reach the whole units the deposit pays for
 * after the setup (the provider never serves a unit the deposit cannot pay); when suspended:
 * {@code RESUME} if the lag is back within the limit (even if the review comes after the
 * suspension deadline: the consumer paid), else {@code SUSPENDED_TOO_LONG} from the deadline on,
 * else stay {@code SUSPENDED}; when active: {@code INACTIVE} from {@code maxInactiveSeconds} after
 * the last usage (or the opening, or the last resume, whichever is latest: a suspended service
 * has no usage, so suspension does not count as inactivity), else {@code SUSPEND} over the lag,
 * else {@code ACTIVE}. Deadlines are inclusive.
 *
 * <p>Not thread-safe; the application loads, changes and stores it in one transaction.
 */
public final class ChannelAccount {

    /** Where the service stands. */
    public enum State { ACTIVE, SUSPENDED, TERMINATED }

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern KEY = Pattern.compile("0x[0-9a-f]{64}");
    private static final int MAX_REPORT_KEY_LENGTH = 200;

    private final ChannelTerms terms;
    private final String channelKey;
    private final String consumer;
    private final Map<String, Long> reports = new HashMap<>();
    private BigInteger deposit;
    private long units;
    private Cheque best;
    private State state = State.ACTIVE;
    private TerminationCause cause;
    private Instant activeSince;
    private Instant lastUsageAt;
    private Instant suspendedSince;
    private BigInteger claimedAtClose;

    private ChannelAccount(ChannelTerms terms, String channelKey, String consumer, BigInteger deposit, Instant openedAt) {
        this.terms = terms;
        this.channelKey = channelKey;
        this.consumer = consumer;
        this.deposit = deposit;
        this.activeSince = openedAt;
    }

    /**
     * A channel just opened on chain ({@code ChannelCreated}): its key, its consumer and the deposit
     * the contract received, which must be at least the terms' minimum deposit.
     */
    public static ChannelAccount open(ChannelTerms terms, String channelKey, String consumer, BigInteger deposit, Instant openedAt) {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(openedAt, "openedAt");
        String key = require(KEY, channelKey, "channelKey", "0x and 32 bytes of hex");
        String consumerAddress = require(ADDRESS, consumer, "consumer", "0x and 20 bytes of hex");
        Objects.requireNonNull(deposit, "deposit");
        if (deposit.compareTo(terms.minimumDeposit()) < 0 || deposit.compareTo(ChannelTerms.MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("the deposit must be at least " + terms.minimumDeposit()
                    + " and at most 2^128 - 1, was " + deposit);
        }
        return new ChannelAccount(terms, key, consumerAddress, deposit, openedAt);
    }

    /**
     * The ledger as it was stored: what {@link #open} and the changes since made of it. Report keys
     * are not restored; the store keeps them unique, so a replayed report never reaches the ledger.
     */
    public static ChannelAccount restore(ChannelTerms terms, String channelKey, String consumer, BigInteger deposit, long units,
                                         Cheque best, State state, TerminationCause cause, Instant activeSince,
                                         Instant lastUsageAt, Instant suspendedSince, BigInteger claimedAtClose) {
        ChannelAccount account = open(terms, channelKey, consumer, deposit, activeSince);
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative, was " + units);
        }
        account.units = units;
        account.best = best;
        account.state = Objects.requireNonNull(state, "state");
        account.cause = cause;
        account.lastUsageAt = lastUsageAt;
        account.suspendedSince = suspendedSince;
        account.claimedAtClose = claimedAtClose;
        return account;
    }

    /** Usage already made unique by the store (its report key): counted at once. */
    public void recordUnits(long units, Instant at) {
        Objects.requireNonNull(at, "at");
        if (units < 1) {
            throw new IllegalArgumentException("a usage report must carry 1 unit or more, was " + units);
        }
        count(units, at);
    }

    private void count(long units, Instant at) {
        this.units = Math.addExact(this.units, units);
        if (lastUsageAt == null || at.isAfter(lastUsageAt)) {
            lastUsageAt = at;
        }
    }

    private static String require(Pattern pattern, String value, String name, String expected) {
        String lower = Objects.requireNonNull(value, name).toLowerCase(Locale.ROOT);
        if (!pattern.matcher(lower).matches()) {
            throw new IllegalArgumentException(name + " must be " + expected + ", was " + value);
        }
        return lower;
    }

    // ------------------------------------------------------------------ what happens to the channel

    /** The consumer added {@code added} to the deposit ({@code ChannelToppedUp}). */
    public void topUp(BigInteger added) {
        if (claimedAtClose != null) {
            throw new IllegalStateException("channel " + channelKey + " is closing; the contract takes no top-up now");
        }
        if (added == null || added.signum() <= 0) {
            throw new IllegalArgumentException("a top-up must be more than 0");
        }
        BigInteger total = deposit.add(added);
        if (total.compareTo(ChannelTerms.MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("a deposit must be at most 2^128 - 1, would be " + total);
        }
        deposit = total;
    }

    /**
     * Records {@code units} of usage reported under {@code reportKey} at {@code at}. A key already
     * recorded with the same units is not counted again (a retried report); with other units it is
     * refused, since one key must describe one report.
     *
     * @return whether the report was new (and counted)
     */
    public boolean recordUsage(String reportKey, long units, Instant at) {
        Objects.requireNonNull(reportKey, "reportKey");
        Objects.requireNonNull(at, "at");
        if (reportKey.isBlank() || reportKey.length() > MAX_REPORT_KEY_LENGTH) {
            throw new IllegalArgumentException("reportKey must be 1 to " + MAX_REPORT_KEY_LENGTH + " characters and not blank");
        }
        if (units < 1) {
            throw new IllegalArgumentException("a usage report must carry 1 unit or more, was " + units);
        }
        Long recorded = reports.get(reportKey);
        if (recorded != null) {
            if (recorded != units) {
                throw new IllegalArgumentException("usage report " + reportKey + " was recorded with " + recorded
                        + " units, not " + units);
            }
            return false;
        }
        count(units, at);
        reports.put(reportKey, units);
        return true;
    }

    /** What this ledger says to {@code cheque}, changing nothing. See {@link ChequeVerdict} for the order of the checks. */
    public ChequeVerdict judge(Cheque cheque, ChequeSignatures signatures) {
        Objects.requireNonNull(cheque, "cheque");
        if (!channelKey.equals(cheque.channelKey())) {
            return ChequeVerdict.WRONG_CHANNEL;
        }
        if (!signatures.signerOf(cheque).map(consumer::equals).orElse(false)) {
            return ChequeVerdict.NOT_SIGNED_BY_CONSUMER;
        }
        if (cheque.balance().compareTo(deposit) > 0) {
            return ChequeVerdict.ABOVE_DEPOSIT;
        }
        if (cheque.balance().compareTo(bestBalance()) <= 0) {
            return ChequeVerdict.NOT_ABOVE_BEST;
        }
        return ChequeVerdict.ACCEPTED;
    }

    /**
     * Takes {@code cheque} as the channel's new best, or refuses it.
     *
     * @return what it pays beyond the previous best
     * @throws ChequeRefused with the verdict when it is not accepted
     */
    public BigInteger acceptCheque(Cheque cheque, ChequeSignatures signatures) {
        ChequeVerdict verdict = judge(cheque, signatures);
        if (!verdict.isAccepted()) {
            throw new ChequeRefused(verdict, refusal(verdict, cheque));
        }
        BigInteger paid = cheque.balance().subtract(bestBalance());
        best = cheque;
        return paid;
    }

    private String refusal(ChequeVerdict verdict, Cheque cheque) {
        return switch (verdict) {
            case WRONG_CHANNEL -> "the cheque is for channel " + cheque.channelKey() + ", not " + channelKey;
            case NOT_SIGNED_BY_CONSUMER -> "the cheque is not signed by the channel's consumer for this deployment";
            case ABOVE_DEPOSIT -> "the cheque's balance " + cheque.balance() + " is above the deposit " + deposit;
            case NOT_ABOVE_BEST -> "the cheque's balance " + cheque.balance() + " is not above the best accepted balance " + bestBalance();
            case ACCEPTED -> throw new IllegalArgumentException("not a refusal");
        };
    }

    /** What the service should do at {@code at}, changing nothing (the console's view, a projection). */
    public ServiceDecision decideAt(Instant at) {
        Objects.requireNonNull(at, "at");
        if (state == State.TERMINATED) {
            return ServiceDecision.terminate(cause);
        }
        if (units >= terms.maxUnits()) {
            return ServiceDecision.terminate(TerminationCause.MAX_UNITS);
        }
        if (units >= terms.unitsCoveredBy(deposit)) {
            return ServiceDecision.terminate(TerminationCause.DEPOSIT_EXHAUSTED);
        }
        boolean lagging = unpaidUnits() > terms.maxBillingUnitLag();
        if (state == State.SUSPENDED) {
            if (!lagging) {
                return ServiceDecision.RESUME;
            }
            return at.isBefore(suspendedTooLongAt().orElseThrow())
                    ? ServiceDecision.SUSPENDED
                    : ServiceDecision.terminate(TerminationCause.SUSPENDED_TOO_LONG);
        }
        if (!at.isBefore(inactiveAt())) {
            return ServiceDecision.terminate(TerminationCause.INACTIVE);
        }
        return lagging ? ServiceDecision.SUSPEND : ServiceDecision.ACTIVE;
    }

    /**
     * Decides as {@link #decideAt} and records the decision: a suspension starts its clock at
     * {@code at}, a resume restarts the inactivity clock at {@code at}, a termination is final.
     */
    public ServiceDecision review(Instant at) {
        ServiceDecision decision = decideAt(at);
        switch (decision.action()) {
            case SUSPEND -> {
                state = State.SUSPENDED;
                suspendedSince = at;
            }
            case RESUME -> {
                state = State.ACTIVE;
                suspendedSince = null;
                activeSince = at;
            }
            case TERMINATE -> terminate(decision.cause());
            case ACTIVE, SUSPENDED -> {
                // nothing changes
            }
        }
        return decision;
    }

    /**
     * The consumer asked the contract for an uncooperative close claiming {@code claimedBalance}
     * ({@code ChannelCloseRequested}): the service ends, and the provider must answer inside the
     * challenge period with the best cheque when it is above the claim.
     *
     * @return the cheque to close cooperatively with, if it pays more than the claim
     */
    public Optional<Cheque> closeRequested(BigInteger claimedBalance) {
        Objects.requireNonNull(claimedBalance, "claimedBalance");
        if (claimedAtClose != null) {
            throw new IllegalStateException("channel " + channelKey + " already has a close request");
        }
        if (claimedBalance.signum() < 0 || claimedBalance.compareTo(deposit) > 0) {
            throw new IllegalArgumentException("a claimed balance is 0 to the deposit " + deposit + ", was " + claimedBalance);
        }
        claimedAtClose = claimedBalance;
        terminate(TerminationCause.DISPUTE_SETTLED);
        return closeAnswer();
    }

    /** The best cheque when a close was requested and the cheque pays more than the claim (a later, better cheque counts too). */
    public Optional<Cheque> closeAnswer() {
        if (claimedAtClose == null || best == null || best.balance().compareTo(claimedAtClose) <= 0) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    private void terminate(TerminationCause why) {
        if (state != State.TERMINATED) {
            state = State.TERMINATED;
            cause = why;
            suspendedSince = null;
        }
    }

    // ------------------------------------------------------------------ where it stands

    /** Units that may be charged: the reported ones, at most {@link ChannelTerms#maxUnits()}. */
    public long billableUnits() {
        return Math.min(units, terms.maxUnits());
    }

    /** {@code min(setupPrice + billableUnits × unitPrice, deposit)}. */
    public BigInteger owed() {
        return terms.price(billableUnits()).min(deposit);
    }

    /** What is owed beyond the best cheque (0 when paid ahead). */
    public BigInteger unpaid() {
        return owed().subtract(bestBalance()).max(BigInteger.ZERO);
    }

    /** Units paid by the best cheque after the setup price: {@code floor((best − setupPrice) / unitPrice)}, negative while the setup is unpaid. */
    public long paidUnits() {
        BigInteger[] qr = bestBalance().subtract(terms.setupPrice()).divideAndRemainder(terms.unitPrice());
        BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return floor.longValueExact();
    }

    /** The billing lag: billable units not paid by the best cheque, {@code max(0, billableUnits − paidUnits)}. */
    public long unpaidUnits() {
        return Math.max(0, billableUnits() - paidUnits());
    }

    /** The first moment at which the service counts as inactive, unless usage comes before. */
    public Instant inactiveAt() {
        Instant since = lastUsageAt != null && lastUsageAt.isAfter(activeSince) ? lastUsageAt : activeSince;
        return since.plusSeconds(terms.maxInactiveSeconds());
    }

    /** While suspended: the first moment at which the suspension has lasted too long. */
    public Optional<Instant> suspendedTooLongAt() {
        return suspendedSince().map(since -> since.plusSeconds(terms.maxSuspendSeconds()));
    }

    public ChannelTerms terms() {
        return terms;
    }

    public String channelKey() {
        return channelKey;
    }

    public String consumer() {
        return consumer;
    }

    public BigInteger deposit() {
        return deposit;
    }

    /** All units reported, also those beyond the maximum. */
    public long units() {
        return units;
    }

    /** The balance of the best accepted cheque, 0 before the first one. */
    public BigInteger bestBalance() {
        return best == null ? BigInteger.ZERO : best.balance();
    }

    public Optional<Cheque> bestCheque() {
        return Optional.ofNullable(best);
    }

    /** When the service last became active: the opening, or the last resume. */
    public Instant activeSince() {
        return activeSince;
    }

    public State state() {
        return state;
    }

    public Optional<TerminationCause> terminationCause() {
        return Optional.ofNullable(cause);
    }

    public Optional<Instant> suspendedSince() {
        return Optional.ofNullable(suspendedSince);
    }

    public Optional<Instant> lastUsageAt() {
        return Optional.ofNullable(lastUsageAt);
    }

    /** The balance the consumer claimed with an uncooperative close, if it asked for one. */
    public Optional<BigInteger> claimedAtClose() {
        return Optional.ofNullable(claimedAtClose);
    }
}

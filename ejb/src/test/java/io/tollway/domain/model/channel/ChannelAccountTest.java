package io.tollway.domain.model.channel;

import io.tollway.domain.model.agreement.TerminationCause;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

import static io.tollway.domain.model.channel.ServiceDecision.Action.TERMINATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelAccountTest {

    private static final Instant START = Instant.ofEpochSecond(1_800_000_000L);
    /** unit 10, setup 25 (2.5 units), 10..1000 units, lag 3 units, inactive 600 s, suspended 300 s: minimum deposit 125. */
    private static final ChannelTerms TERMS = new ChannelTerms("MB", big(10), big(25), 10, 1000, 3, 600, 300, 5);
    private static final String KEY = "0x" + "ab".repeat(32);
    private static final String OTHER_KEY = "0x" + "cd".repeat(32);
    private static final String CONSUMER = "0x" + "11".repeat(20);
    private static final String STRANGER = "0x" + "22".repeat(20);
    /** The domain's view of signatures in these tests: a test signature names its signer in its first 20 bytes. */
    private static final ChequeSignatures SIGNATURES = cheque -> Optional.of("0x" + cheque.signature().substring(2, 42));
    private static final ChequeSignatures NO_SIGNER = cheque -> Optional.empty();

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    private static Instant after(long seconds) {
        return START.plusSeconds(seconds);
    }

    private static Cheque cheque(String key, long balance, String signer) {
        return new Cheque(key, big(balance), "0x" + signer.substring(2) + "00".repeat(44) + "1b");
    }

    private static Cheque cheque(long balance) {
        return cheque(KEY, balance, CONSUMER);
    }

    private static ChannelAccount open(ChannelTerms terms, long deposit) {
        return ChannelAccount.open(terms, KEY, CONSUMER, big(deposit), START);
    }

    private static ChannelAccount open(long deposit) {
        return open(TERMS, deposit);
    }

    private static ChequeVerdict refusalOf(ChannelAccount account, Cheque cheque, ChequeSignatures signatures) {
        try {
            account.acceptCheque(cheque, signatures);
        } catch (ChequeRefused refused) {
            return refused.verdict();
        }
        throw new AssertionError("the cheque was accepted");
    }

    // ------------------------------------------------------------------ opening, usage, amounts

    @Test
    void openingNeedsTheMinimumDeposit() {
        assertThatThrownBy(() -> open(124)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("125");
        assertThatThrownBy(() -> ChannelAccount.open(TERMS, "0x12", CONSUMER, big(125), START)).hasMessageContaining("channelKey");
        assertThatThrownBy(() -> ChannelAccount.open(TERMS, KEY, "consumer", big(125), START)).hasMessageContaining("consumer");

        ChannelAccount account = ChannelAccount.open(TERMS, KEY.toUpperCase().replace("0X", "0x"), "0x" + "AB".repeat(20), big(125), START);

        assertThat(account.channelKey()).isEqualTo(KEY);
        assertThat(account.consumer()).as("addresses are kept lower-case").isEqualTo("0x" + "ab".repeat(20));
        assertThat(account.state()).isEqualTo(ChannelAccount.State.ACTIVE);
        assertThat(account.decideAt(START)).isEqualTo(ServiceDecision.ACTIVE);
    }

    @Test
    void usageReportsAreCountedOncePerKey() {
        ChannelAccount account = open(1_025);

        assertThat(account.recordUsage("report-1", 3, after(10))).isTrue();
        assertThat(account.recordUsage("report-1", 3, after(20))).as("a retried report").isFalse();
        assertThat(account.recordUsage("report-2", 2, after(30))).isTrue();

        assertThat(account.units()).isEqualTo(5);
        assertThat(account.lastUsageAt()).contains(after(30));
        assertThatThrownBy(() -> account.recordUsage("report-1", 4, after(40)))
                .as("one key, one report").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("report-1");
        assertThatThrownBy(() -> account.recordUsage("report-3", 0, after(40))).hasMessageContaining("1 unit");
        assertThat(account.units()).isEqualTo(5);
    }

    @Test
    void owedIsTheSetupPlusTheUnitsAtMostTheMaximumUnitsAndTheDeposit() {
        ChannelAccount account = open(1_025);
        account.recordUsage("r", 7, after(1));
        assertThat(account.owed()).isEqualTo(big(95));

        ChannelAccount capped = open(new ChannelTerms("MB", big(10), big(25), 10, 20, 3, 600, 300, 5), 1_025);
        capped.recordUsage("r", 30, after(1));
        assertThat(capped.billableUnits()).isEqualTo(20);
        assertThat(capped.owed()).as("never more than the maximum units").isEqualTo(big(225));

        ChannelAccount small = open(125);
        small.recordUsage("r", 12, after(1));
        assertThat(small.owed()).as("never more than the deposit").isEqualTo(big(125));
    }

    @Test
    void lagCountsAnUnpaidSetupAndAUnitPaidInPartAsUnpaidUnits() {
        ChannelAccount account = open(1_025);

        assertThat(account.unpaidUnits()).as("a setup of 2.5 unit prices, nothing paid: floor(-25/10) = -3").isEqualTo(3);
        account.recordUsage("r", 1, after(1));
        assertThat(account.unpaidUnits()).isEqualTo(4);
        account.acceptCheque(cheque(24), SIGNATURES);
        assertThat(account.paidUnits()).as("floor(-1/10) = -1, not 0 as Java's division would say").isEqualTo(-1);
        assertThat(account.unpaidUnits()).isEqualTo(2);
        account.acceptCheque(cheque(25), SIGNATURES);
        assertThat(account.unpaidUnits()).isEqualTo(1);
        account.acceptCheque(cheque(34), SIGNATURES);
        assertThat(account.unpaidUnits()).as("a unit paid in part is not paid").isEqualTo(1);
        account.acceptCheque(cheque(35), SIGNATURES);
        assertThat(account.unpaidUnits()).isZero();
        assertThat(account.unpaid()).isZero();
    }

    @Test
    void aConsumerWhoPaidAheadHasNoLag() {
        ChannelAccount account = open(1_025);
        account.recordUsage("r", 2, after(1));

        account.acceptCheque(cheque(125), SIGNATURES);

        assertThat(account.paidUnits()).isEqualTo(10);
        assertThat(account.unpaidUnits()).isZero();
        assertThat(account.unpaid()).isZero();
        assertThat(account.owed()).isEqualTo(big(45));
    }

    // ------------------------------------------------------------------ service decisions

    @Test
    void suspendsWhenTheLagExceedsTheLimitAndResumesAfterACheque() {
        ChannelAccount account = open(1_025);
        account.acceptCheque(cheque(25), SIGNATURES);
        account.recordUsage("r1", 3, after(10));
        assertThat(account.review(after(10))).as("3 unpaid units: at the limit").isEqualTo(ServiceDecision.ACTIVE);

        account.recordUsage("r2", 1, after(20));
        assertThat(account.review(after(20))).isEqualTo(ServiceDecision.SUSPEND);
        assertThat(account.state()).isEqualTo(ChannelAccount.State.SUSPENDED);
        assertThat(account.suspendedSince()).contains(after(20));
        assertThat(account.review(after(30))).isEqualTo(ServiceDecision.SUSPENDED);

        account.acceptCheque(cheque(45), SIGNATURES);
        assertThat(account.decideAt(after(40))).isEqualTo(ServiceDecision.RESUME);
        assertThat(account.state()).as("deciding changes nothing").isEqualTo(ChannelAccount.State.SUSPENDED);
        assertThat(account.review(after(40))).isEqualTo(ServiceDecision.RESUME);
        assertThat(account.state()).isEqualTo(ChannelAccount.State.ACTIVE);
        assertThat(account.suspendedSince()).isEmpty();
        assertThat(account.review(after(41))).isEqualTo(ServiceDecision.ACTIVE);
    }

    @Test
    void aSuspensionThatLastsTooLongTerminatesAndStaysTerminated() {
        ChannelAccount account = open(1_025);
        account.recordUsage("r1", 1, after(20));
        assertThat(account.review(after(20))).isEqualTo(ServiceDecision.SUSPEND);
        assertThat(account.suspendedTooLongAt()).contains(after(320));

        assertThat(account.review(after(319))).isEqualTo(ServiceDecision.SUSPENDED);
        assertThat(account.review(after(320))).isEqualTo(ServiceDecision.terminate(TerminationCause.SUSPENDED_TOO_LONG));
        assertThat(account.state()).isEqualTo(ChannelAccount.State.TERMINATED);

        account.acceptCheque(cheque(100), SIGNATURES);
        assertThat(account.review(after(330))).as("the same answer again, even after a payment")
                .isEqualTo(ServiceDecision.terminate(TerminationCause.SUSPENDED_TOO_LONG));
        assertThat(account.terminationCause()).contains(TerminationCause.SUSPENDED_TOO_LONG);
    }

    @Test
    void aPaymentFoundAfterTheSuspensionDeadlineStillResumes() {
        ChannelAccount account = open(1_025);
        account.recordUsage("r1", 1, after(20));
        account.review(after(20));

        account.acceptCheque(cheque(35), SIGNATURES);

        assertThat(account.review(after(900))).isEqualTo(ServiceDecision.RESUME);
    }

    @Test
    void terminatesWhenTheDepositPaysForNoFurtherUnit() {
        ChannelAccount account = open(125); // setup 25 and 10 units
        account.acceptCheque(cheque(115), SIGNATURES);
        account.recordUsage("r1", 9, after(10));
        assertThat(account.decideAt(after(10))).isEqualTo(ServiceDecision.ACTIVE);

        account.topUp(big(9));
        account.recordUsage("r2", 1, after(20));
        assertThat(account.review(after(20))).as("134 pays for 10 whole units, not 11")
                .isEqualTo(ServiceDecision.terminate(TerminationCause.DEPOSIT_EXHAUSTED));
        assertThat(account.owed()).isEqualTo(big(125));
    }

    @Test
    void aTopUpBeforeTheDepositIsExhaustedKeepsTheServiceRunning() {
        ChannelAccount account = open(125);
        account.acceptCheque(cheque(125), SIGNATURES);
        account.topUp(big(10));

        account.recordUsage("r1", 10, after(10));

        assertThat(account.deposit()).isEqualTo(big(135));
        assertThat(account.decideAt(after(10))).isEqualTo(ServiceDecision.ACTIVE);
        account.recordUsage("r2", 1, after(20));
        assertThat(account.decideAt(after(20)).action()).isEqualTo(TERMINATE);
    }

    @Test
    void terminatesAtTheMaximumUnitsBeforeLookingAtTheDeposit() {
        ChannelTerms tenUnits = new ChannelTerms("MB", big(10), big(25), 10, 10, 3, 600, 300, 5);
        ChannelAccount account = open(tenUnits, 125);
        account.acceptCheque(cheque(125), SIGNATURES);

        account.recordUsage("r1", 10, after(10));

        assertThat(account.review(after(10))).as("the deposit is exhausted too, but a top-up would not help")
                .isEqualTo(ServiceDecision.terminate(TerminationCause.MAX_UNITS));
    }

    @Test
    void terminatesAfterTheMaximumInactiveTimeCountedFromTheLastUsage() {
        ChannelAccount account = open(1_025);
        assertThat(account.decideAt(after(599))).isEqualTo(ServiceDecision.ACTIVE);
        assertThat(account.decideAt(after(600))).isEqualTo(ServiceDecision.terminate(TerminationCause.INACTIVE));

        account.recordUsage("r1", 1, after(100));
        account.recordUsage("r0", 1, after(50)); // a late report of earlier usage
        account.acceptCheque(cheque(45), SIGNATURES);

        assertThat(account.inactiveAt()).isEqualTo(after(700));
        assertThat(account.review(after(699))).isEqualTo(ServiceDecision.ACTIVE);
        assertThat(account.review(after(700))).isEqualTo(ServiceDecision.terminate(TerminationCause.INACTIVE));
    }

    @Test
    void timeSpentSuspendedIsNotInactivity() {
        ChannelAccount account = open(1_025);
        account.recordUsage("r1", 1, after(20));
        account.review(after(20)); // suspended: a setup and one unit unpaid

        account.acceptCheque(cheque(35), SIGNATURES);
        assertThat(account.review(after(250))).isEqualTo(ServiceDecision.RESUME);

        assertThat(account.inactiveAt()).as("the clock restarts at the resume").isEqualTo(after(850));
        assertThat(account.decideAt(after(849))).isEqualTo(ServiceDecision.ACTIVE);
    }

    @Test
    void aCloseRequestEndsTheServiceAndIsAnsweredWithTheBestChequeAboveTheClaim() {
        ChannelAccount account = open(1_025);
        account.recordUsage("r1", 5, after(10));
        account.acceptCheque(cheque(75), SIGNATURES);

        assertThat(account.closeRequested(big(30))).contains(cheque(75));
        assertThat(account.decideAt(after(20))).isEqualTo(ServiceDecision.terminate(TerminationCause.DISPUTE_SETTLED));
        assertThat(account.claimedAtClose()).contains(big(30));
        assertThatThrownBy(() -> account.topUp(big(10))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> account.closeRequested(big(30))).isInstanceOf(IllegalStateException.class);

        account.acceptCheque(cheque(80), SIGNATURES);
        assertThat(account.closeAnswer()).as("a later, better cheque").contains(cheque(80));
    }

    @Test
    void aClaimAtLeastTheBestChequeNeedsNoAnswer() {
        ChannelAccount account = open(1_025);
        account.acceptCheque(cheque(75), SIGNATURES);

        assertThat(account.closeRequested(big(75))).isEmpty();
        assertThat(open(1_025).closeRequested(BigInteger.ZERO)).as("no cheque at all").isEmpty();
    }

    // ------------------------------------------------------------------ cheques

    /** Privatix: cheques must be strictly increasing. */
    @Test
    void chequeBalancesMustStrictlyIncrease() {
        ChannelAccount account = open(1_025);

        assertThat(account.acceptCheque(cheque(50), SIGNATURES)).isEqualTo(big(50));
        assertThat(refusalOf(account, cheque(50), SIGNATURES)).isEqualTo(ChequeVerdict.NOT_ABOVE_BEST);
        assertThat(refusalOf(account, cheque(40), SIGNATURES)).isEqualTo(ChequeVerdict.NOT_ABOVE_BEST);
        assertThat(refusalOf(account, cheque(0), SIGNATURES)).isEqualTo(ChequeVerdict.NOT_ABOVE_BEST);
        assertThat(account.acceptCheque(cheque(60), SIGNATURES)).as("what it pays beyond the best").isEqualTo(big(10));
        assertThat(account.bestBalance()).isEqualTo(big(60));
        assertThat(account.bestCheque()).contains(cheque(60));
    }

    /** Privatix: cheques must never be above the deposit. */
    @Test
    void chequeAboveTheDepositIsRefused() {
        ChannelAccount account = open(125);

        assertThatThrownBy(() -> account.acceptCheque(cheque(126), SIGNATURES))
                .isInstanceOf(ChequeRefused.class).hasMessageContaining("above the deposit 125");
        assertThat(refusalOf(account, cheque(126), SIGNATURES)).isEqualTo(ChequeVerdict.ABOVE_DEPOSIT);
        assertThat(account.bestBalance()).isZero();

        account.topUp(big(1));
        assertThat(account.acceptCheque(cheque(126), SIGNATURES)).isEqualTo(big(126));
    }

    @Test
    void chequeForAnotherChannelIsRefused() {
        ChannelAccount account = open(1_025);

        assertThat(refusalOf(account, cheque(OTHER_KEY, 50, CONSUMER), SIGNATURES)).isEqualTo(ChequeVerdict.WRONG_CHANNEL);
    }

    @Test
    void chequeNotSignedByTheChannelsConsumerIsRefused() {
        ChannelAccount account = open(1_025);

        assertThat(refusalOf(account, cheque(KEY, 50, STRANGER), SIGNATURES)).isEqualTo(ChequeVerdict.NOT_SIGNED_BY_CONSUMER);
        assertThat(refusalOf(account, cheque(50), NO_SIGNER)).as("no valid signature at all").isEqualTo(ChequeVerdict.NOT_SIGNED_BY_CONSUMER);
        assertThat(account.bestCheque()).isEmpty();
    }

    @Test
    void refusalsSayTheChannelFirstThenTheSignatureSoStrangersLearnNoBalance() {
        ChannelAccount account = open(125);
        account.acceptCheque(cheque(100), SIGNATURES);

        assertThat(account.judge(cheque(OTHER_KEY, 500, STRANGER), SIGNATURES)).isEqualTo(ChequeVerdict.WRONG_CHANNEL);
        assertThat(account.judge(cheque(KEY, 500, STRANGER), SIGNATURES)).isEqualTo(ChequeVerdict.NOT_SIGNED_BY_CONSUMER);
        assertThat(account.judge(cheque(KEY, 50, STRANGER), SIGNATURES)).isEqualTo(ChequeVerdict.NOT_SIGNED_BY_CONSUMER);
        assertThat(account.judge(cheque(500), SIGNATURES)).isEqualTo(ChequeVerdict.ABOVE_DEPOSIT);
        assertThat(account.judge(cheque(110), SIGNATURES)).isEqualTo(ChequeVerdict.ACCEPTED);
        assertThat(account.bestBalance()).as("judging changes nothing").isEqualTo(big(100));
    }

    @Test
    void malformedChequesFailWhereTheyAreBuilt() {
        assertThatThrownBy(() -> new Cheque("0x1234", big(1), "0x" + "00".repeat(65))).hasMessageContaining("channelKey");
        assertThatThrownBy(() -> new Cheque(KEY, big(1), "0x1b")).hasMessageContaining("signature");
        assertThatThrownBy(() -> new Cheque(KEY, big(-1), "0x" + "00".repeat(65))).hasMessageContaining("balance");
        assertThatThrownBy(() -> new Cheque(KEY, BigInteger.TWO.pow(256), "0x" + "00".repeat(65))).hasMessageContaining("balance");
        assertThat(new Cheque(KEY.toUpperCase().replace("0X", "0x"), big(1), "0x" + "AA".repeat(65)).signature())
                .isEqualTo("0x" + "aa".repeat(65));
        assertThat(ChequeVerdict.NOT_ABOVE_BEST.code()).isEqualTo("cheque-not-above-best");
    }
}

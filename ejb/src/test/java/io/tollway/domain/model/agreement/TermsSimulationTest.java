package io.tollway.domain.model.agreement;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TermsSimulationTest {

    /** setup 100, base 3600/h (1 a second), usage cap 7200/h, notice 600 s (600). */
    private static final EscrowTerms TERMS = new EscrowTerms(big(100), big(3600), big(7200), 600);
    private static final TermsSimulation.Withdrawals NEVER = new TermsSimulation.Withdrawals(0, BigInteger.ZERO);
    private static final TermsSimulation.Deposits ONCE_10_000 = new TermsSimulation.Deposits(big(10_000), BigInteger.ZERO, 0);

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void aLifeStoppedAtTheHorizonPaysBaseFeeUsageAndNoticeAndRefundsTheRest() {
        // 2 h: base 7,200, usage 1,000/h = 2,000, setup 100, notice 600 → 9,900 paid, 100 back
        TermsSimulation.Result result = TermsSimulation.run(TERMS, ONCE_10_000, big(1_000), NEVER, 2, 15);

        assertThat(result.ending()).isEqualTo("STOPPED");
        assertThat(result.bills()).isEqualTo(8);
        assertThat(result.paidToProvider()).isEqualTo(big(9_900));
        assertThat(result.refunded()).isEqualTo(big(100));
        assertThat(result.paidToProvider().add(result.refunded())).isEqualTo(result.deposited());
        TermsSimulation.Step first = result.steps().get(0);
        assertThat(first).isEqualTo(new TermsSimulation.Step(0, big(10_000), big(9_900), big(100), BigInteger.ZERO));
        // after the first quarter hour: base 900 + usage 250
        assertThat(result.steps().get(1)).isEqualTo(new TermsSimulation.Step(15, big(10_000), big(8_750), big(1_250), BigInteger.ZERO));
    }

    @Test
    void withoutTopUpsTheDepositRunsOutAndTheLastBillTakesWhatIsLeft() {
        TermsSimulation.Result result = TermsSimulation.run(TERMS, new TermsSimulation.Deposits(big(4_300), BigInteger.ZERO, 0),
                BigInteger.ZERO, NEVER, 24, 15);

        // 4,200 after the setup fee; four bills of 900 leave the reserve of 600; the fifth ends it
        assertThat(result.ending()).isEqualTo("OUT_OF_FUNDS");
        assertThat(result.endedAtMinute()).isEqualTo(75);
        assertThat(result.paidToProvider()).isEqualTo(big(4_300));
        assertThat(result.refunded()).isZero();
    }

    @Test
    void topUpsOnTheScheduleKeepItRunning() {
        // an hour of base fee deposited every hour keeps a 4,300 start alive for a day
        TermsSimulation.Result result = TermsSimulation.run(TERMS, new TermsSimulation.Deposits(big(4_300), big(3_600), 1),
                BigInteger.ZERO, NEVER, 24, 15);

        assertThat(result.ending()).isEqualTo("STOPPED");
        assertThat(result.deposited()).isEqualTo(big(4_300 + 24 * 3_600));
        // 24 h of base fee, setup and notice; the rest returns
        assertThat(result.paidToProvider()).isEqualTo(big(100 + 24 * 3_600 + 600));
        assertThat(result.refunded()).isEqualTo(big(4_300 - 100 - 600));
    }

    @Test
    void theProviderWithdrawsAsSoonAsItsEarningsReachTheThreshold() {
        TermsSimulation.Result result = TermsSimulation.run(TERMS, ONCE_10_000, BigInteger.ZERO,
                new TermsSimulation.Withdrawals(0, big(2_000)), 2, 15);

        List<TermsSimulation.Step> steps = result.steps();
        // 100 setup + 900 + 900 = 1,900 after two bills; 2,800 after the third: withdrawn
        assertThat(steps.get(2).providerWithdrawn()).isZero();
        assertThat(steps.get(2).providerBalance()).isEqualTo(big(1_900));
        assertThat(steps.get(3).providerWithdrawn()).isEqualTo(big(2_800));
        assertThat(steps.get(3).providerBalance()).isZero();
        // withdrawals never count twice: all that was withdrawn plus what is left is what was earned
        for (TermsSimulation.Step step : steps) {
            assertThat(step.providerWithdrawn().add(step.providerBalance()).add(step.consumerBalance()))
                    .isLessThanOrEqualTo(step.consumerDeposited());
        }
    }

    @Test
    void theProviderWithdrawsEveryFewHours() {
        TermsSimulation.Result result = TermsSimulation.run(TERMS, new TermsSimulation.Deposits(big(20_000), BigInteger.ZERO, 0),
                BigInteger.ZERO, new TermsSimulation.Withdrawals(2, BigInteger.ZERO), 4, 30);

        // bills at 30, 60, ... 240 minutes; withdrawals at 120 and 240
        assertThat(result.steps().get(3).providerWithdrawn()).isZero();
        assertThat(result.steps().get(4).providerWithdrawn()).isEqualTo(big(100 + 7_200));
        assertThat(result.steps().get(4).providerBalance()).isZero();
    }

    @Test
    void usageAboveTheCapWaitsForTheNextBillAndWhatTheCapNeverAllowsIsNotCharged() {
        // 8,000/h reported, 7,200/h allowed: each quarter-hour bill charges 1,800 of the 2,000 and carries 200
        TermsSimulation.Result result = TermsSimulation.run(TERMS, new TermsSimulation.Deposits(big(20_000), BigInteger.ZERO, 0),
                big(8_000), NEVER, 1, 15);

        assertThat(result.unbilledUsage()).isEqualTo(big(800));
        assertThat(result.paidToProvider()).isEqualTo(big(100 + 3_600 + 4 * 1_800 + 600));
        assertThat(result.steps().get(1).consumerBalance()).isEqualTo(big(20_000 - 100 - 900 - 1_800));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> TermsSimulation.run(TERMS, ONCE_10_000, BigInteger.ZERO, NEVER, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 60");
        assertThatThrownBy(() -> TermsSimulation.run(TERMS, ONCE_10_000, BigInteger.ZERO, NEVER, 24 * 365 * 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> TermsSimulation.run(TERMS, new TermsSimulation.Deposits(big(500), BigInteger.ZERO, 0),
                BigInteger.ZERO, NEVER, 1, 15)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("700");
    }
}

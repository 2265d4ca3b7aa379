package io.tollway.domain.model.agreement;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;

import static io.tollway.domain.model.agreement.EscrowAccount.Bill.Outcome.OUT_OF_FUNDS;
import static io.tollway.domain.model.agreement.EscrowAccount.Bill.Outcome.OVER_CAP;
import static io.tollway.domain.model.agreement.EscrowAccount.Bill.Outcome.PAID;
import static io.tollway.domain.model.agreement.EscrowTerms.FULL_UPTIME_BPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscrowAccountTest {

    private static final Instant START = Instant.ofEpochSecond(1_800_000_000L);
    /** setup 100, base 3600/h (1 a second), usage cap 7200/h (2 a second), notice 600 s (600). */
    private static final EscrowTerms TERMS = new EscrowTerms(big(100), big(3600), big(7200), 600);

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    private static Instant after(long seconds) {
        return START.plusSeconds(seconds);
    }

    @Test
    void firstDepositPaysTheSetupFeeAndMustCoverTheNoticePeriod() {
        assertThatThrownBy(() -> EscrowAccount.activate(TERMS, big(699), START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("700");

        EscrowAccount account = EscrowAccount.activate(TERMS, big(10_000), START);

        assertThat(account.remaining()).isEqualTo(big(9_900));
        assertThat(account.balancesAt(START, FULL_UPTIME_BPS).providerEarned()).isEqualTo(big(100));
    }

    @Test
    void billChargesBaseFeeForTheElapsedTimeAndUsageUpToTheCap() {
        EscrowAccount account = EscrowAccount.activate(TERMS, big(10_000), START);

        assertThat(account.bill(big(1_201), after(600), FULL_UPTIME_BPS)).isEqualTo(new EscrowAccount.Bill(OVER_CAP, BigInteger.ZERO));
        assertThat(account.lastBillAt()).as("a refused bill changes nothing").isEqualTo(START);
        assertThat(account.bill(big(1_200), after(600), FULL_UPTIME_BPS)).isEqualTo(new EscrowAccount.Bill(PAID, big(1_800)));
        assertThat(account.remaining()).isEqualTo(big(8_100));
    }

    @Test
    void aBillCoversAtMostAnHour() {
        EscrowAccount account = EscrowAccount.activate(TERMS, big(10_000), START);

        assertThat(account.bill(BigInteger.ZERO, after(3 * 3600), FULL_UPTIME_BPS).charged()).isEqualTo(big(3_600));
    }

    @Test
    void uptimeScalesOnlyTheBaseFeeRoundingDown() {
        EscrowAccount account = EscrowAccount.activate(TERMS, big(10_000), START);

        // 1000 s at 99.99 %: 1000 * 9999 / 10000 = 999.9, so 999
        assertThat(account.bill(big(10), after(1000), 9_999).charged()).isEqualTo(big(1_009));
    }

    @Test
    void billTheDepositCannotCoverTakesWhatIsLeftAndEndsTheAccount() {
        EscrowAccount account = EscrowAccount.activate(TERMS, big(1_000), START); // 900 left, 600 reserved

        assertThat(account.bill(BigInteger.ZERO, after(300), FULL_UPTIME_BPS)).isEqualTo(new EscrowAccount.Bill(PAID, big(300)));
        assertThat(account.bill(BigInteger.ZERO, after(301), FULL_UPTIME_BPS)).isEqualTo(new EscrowAccount.Bill(OUT_OF_FUNDS, big(600)));
        assertThat(account.state()).isEqualTo(EscrowAccount.State.OUT_OF_FUNDS);
        assertThat(account.refund()).isZero();
    }

    @Test
    void stopSettlesTheBaseFeeSoFarAndTheNoticePeriodAndRefundsTheRest() {
        EscrowAccount account = EscrowAccount.activate(TERMS, big(10_000), START);
        account.topUp(big(500));

        assertThat(account.stop(after(1_200), FULL_UPTIME_BPS)).isEqualTo(big(1_800));
        assertThat(account.refund()).isEqualTo(big(8_600));
        assertThat(account.balancesAt(after(5_000), FULL_UPTIME_BPS).providerEarned()).isEqualTo(big(1_900));
        assertThatThrownBy(() -> account.bill(BigInteger.ZERO, after(1_300), FULL_UPTIME_BPS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void balancesAtAnyMomentAreWhatABillThenWouldLeave() {
        EscrowAccount account = EscrowAccount.activate(TERMS, big(10_000), START);

        EscrowAccount.Balances at20min = account.balancesAt(after(1_200), FULL_UPTIME_BPS);
        account.bill(BigInteger.ZERO, after(1_200), FULL_UPTIME_BPS);

        assertThat(at20min.accrued()).isEqualTo(big(1_200));
        assertThat(at20min.consumerRemaining()).isEqualTo(account.remaining());
        assertThat(account.balancesAt(after(1_200), FULL_UPTIME_BPS).providerEarned()).isEqualTo(at20min.providerEarned());
    }

    @Test
    void projectsWhenTheDepositRunsOut() {
        EscrowAccount account = EscrowAccount.activate(TERMS, big(1_000), START); // 900 left, 300 above the reserve

        assertThat(account.outOfFundsAt()).contains(after(301));
        account.bill(BigInteger.ZERO, after(301), FULL_UPTIME_BPS);
        assertThat(account.state()).isEqualTo(EscrowAccount.State.OUT_OF_FUNDS);
        assertThat(account.outOfFundsAt()).isEmpty();
    }

    @Test
    void nonsenseTermsAreRefused() {
        assertThatThrownBy(() -> new EscrowTerms(big(1), BigInteger.ZERO, big(1), 0)).hasMessageContaining("baseFeePerHour");
        assertThatThrownBy(() -> new EscrowTerms(big(-1), big(1), big(1), 0)).hasMessageContaining("setupFee");
        assertThatThrownBy(() -> new EscrowTerms(big(1), big(1), big(1), -5)).hasMessageContaining("lockupSeconds");
    }
}

package io.tollway.domain.model.agreement;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscrowProjectionTest {

    private static final Instant LAST_BILL = Instant.ofEpochSecond(1_800_000_000L);
    /** setup 100, base 3600/h (1 a second), usage cap 7200/h, notice 600 s (600). */
    private static final EscrowTerms TERMS = new EscrowTerms(big(100), big(3600), big(7200), 600);

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void projectsBaseFeeBillsUntilTheDepositRunsOut() {
        // 4,200 left, 600 of them the notice reserve: 3,600 s of base fee, then the out-of-funds bill
        EscrowProjection.Projection projection = EscrowProjection.of(TERMS, big(5_000), big(4_200), LAST_BILL,
                Duration.ofMinutes(15), 100);

        assertThat(projection.runsOut()).isTrue();
        assertThat(projection.outOfFundsAt()).contains(LAST_BILL.plusSeconds(3_601));
        List<EscrowProjection.Point> points = projection.points();
        assertThat(points.get(0)).isEqualTo(new EscrowProjection.Point(LAST_BILL, big(4_200), big(800)));
        assertThat(points.get(1)).isEqualTo(new EscrowProjection.Point(LAST_BILL.plusSeconds(900), big(3_300), big(1_700)));
        // four bills of 900 leave the reserve; the fifth cannot be covered above it and takes what is left
        assertThat(points.get(4).consumerRemaining()).isEqualTo(big(600));
        EscrowProjection.Point last = points.get(points.size() - 1);
        assertThat(last).isEqualTo(new EscrowProjection.Point(LAST_BILL.plusSeconds(5 * 900), BigInteger.ZERO, big(5_000)));
        assertThat(points).hasSize(6);
    }

    @Test
    void keepsAtMostTheAskedNumberOfPointsWithTheFirstAndTheLast() {
        // a day of base fee at one bill a minute: 1,440 bills and then the out-of-funds one
        EscrowProjection.Projection projection = EscrowProjection.of(TERMS, big(100 + 86_400 + 600), big(86_400 + 600), LAST_BILL,
                Duration.ofMinutes(1), 50);

        assertThat(projection.points()).hasSize(50);
        assertThat(projection.points().get(0).at()).isEqualTo(LAST_BILL);
        assertThat(projection.points().get(49).consumerRemaining()).isZero();
        assertThat(projection.outOfFundsAt()).contains(LAST_BILL.plusSeconds(86_401));
    }

    @Test
    void aDepositBeyondTheHorizonDoesNotRunOutInTheProjection() {
        BigInteger huge = big(3600).multiply(big(24 * 366 * 2));
        EscrowProjection.Projection projection = EscrowProjection.of(TERMS, huge, huge, LAST_BILL, Duration.ofMinutes(15), 10);

        assertThat(projection.runsOut()).isFalse();
        assertThat(projection.outOfFundsAt()).isPresent();
        assertThat(projection.points()).hasSize(10);
    }

    @Test
    void refusesIntervalsTheFormulaCannotBill() {
        assertThatThrownBy(() -> EscrowProjection.of(TERMS, big(5_000), big(4_200), LAST_BILL, Duration.ofMinutes(61), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most an hour");
        assertThatThrownBy(() -> EscrowProjection.of(TERMS, big(5_000), big(6_000), LAST_BILL, Duration.ofMinutes(15), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

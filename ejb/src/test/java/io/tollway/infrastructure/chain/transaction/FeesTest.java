package io.tollway.infrastructure.chain.transaction;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FeesTest {

    private static final BigInteger CEILING = BigInteger.valueOf(1_000);

    private static Fees fees(long max, long tip) {
        return new Fees(BigInteger.valueOf(max), BigInteger.valueOf(tip));
    }

    @Test
    void aReplacementUnderTheCeilingIsAnOrdinaryBump() {
        assertThat(fees(400, 10).replacementUnder(fees(300, 5), CEILING)).contains(fees(451, 12));
    }

    @Test
    void aReplacementTheChainWouldPriceAboveTheCeilingStopsAtIt() {
        assertThat(fees(800, 10).replacementUnder(fees(5_000, 10), CEILING)).contains(fees(1_000, 12));
    }

    @Test
    void feesWithinTenPercentOfTheCeilingHaveNoReplacementUnderIt() {
        assertThat(fees(950, 10).replacementUnder(fees(5_000, 10), CEILING)).isEmpty();
        assertThat(fees(1_000, 10).replacementUnder(fees(300, 5), CEILING)).isEmpty();
    }

    @Test
    void theTipIsNeverAboveTheCappedMaxFee() {
        assertThat(fees(5_000, 3_000).cappedAt(CEILING)).isEqualTo(fees(1_000, 1_000));
    }

    @Test
    void aReplacementMustRaiseBothCapsByTenPercent() {
        assertThat(fees(110, 11).replaces(fees(100, 10))).isTrue();
        assertThat(fees(109, 11).replaces(fees(100, 10))).isFalse();
        assertThat(fees(200, 10).replaces(fees(100, 10))).isFalse();
    }

    @Test
    void feesArePayableWhileTheirMaxCoversTheBaseFee() {
        Fees chainAsks = Fees.forBaseFee(BigInteger.valueOf(1_000), BigInteger.valueOf(10));
        assertThat(fees(1_000, 10).payableAt(chainAsks)).isTrue();
        assertThat(fees(999, 10).payableAt(chainAsks)).isFalse();
    }
}

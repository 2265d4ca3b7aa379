package io.tollway.domain.model.channel;

import io.tollway.domain.model.agreement.InvalidTerms;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelTermsTest {

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    /** unit 10, setup 25, 10..1000 units, lag 3, inactive 600 s, suspended 300 s, supply 5. */
    private static ChannelTerms terms(long unitPrice, long setupPrice, long minUnits, long maxUnits, long lag,
                                      long inactive, long suspend, int supply) {
        return new ChannelTerms("MB", big(unitPrice), big(setupPrice), minUnits, maxUnits, lag, inactive, suspend, supply);
    }

    @Test
    void minimumDepositIsTheMinimumUnitsPlusTheSetupPriceAndTheStakeCoversTheSupply() {
        ChannelTerms terms = terms(10, 25, 10, 1000, 3, 600, 300, 5);

        assertThat(terms.minimumDeposit()).isEqualTo(big(125));
        assertThat(terms.stake()).isEqualTo(big(625));
        assertThat(terms.price(7)).isEqualTo(big(95));
    }

    @Test
    void unitsCoveredByADepositAreTheWholeUnitsAfterTheSetupPrice() {
        ChannelTerms terms = terms(10, 25, 10, 1000, 3, 600, 300, 5);

        assertThat(terms.unitsCoveredBy(big(125))).isEqualTo(10);
        assertThat(terms.unitsCoveredBy(big(134))).isEqualTo(10);
        assertThat(terms.unitsCoveredBy(big(135))).isEqualTo(11);
        assertThat(terms.unitsCoveredBy(big(20))).isZero();
    }

    /** Privatix: a zero unit price divided by zero in the billing lag. */
    @Test
    void zeroUnitPriceIsRefusedInsteadOfDividingByZero() {
        assertThatThrownBy(() -> terms(0, 25, 10, 1000, 3, 600, 300, 5))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("unitPrice must be more than 0");
        assertThatThrownBy(() -> terms(-1, 25, 10, 1000, 3, 600, 300, 5)).hasMessageContaining("unitPrice");
    }

    @Test
    void zeroSupplyAndSupplyAboveTheContractsLimitAreRefused() {
        assertThatThrownBy(() -> terms(10, 25, 10, 1000, 3, 600, 300, 0))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("supply must be 1 to 65535");
        assertThatThrownBy(() -> terms(10, 25, 10, 1000, 3, 600, 300, 65_536)).hasMessageContaining("supply");
        assertThat(terms(10, 25, 10, 1000, 3, 600, 300, 65_535).supply()).isEqualTo(65_535);
    }

    @Test
    void negativeLagIsRefusedAndZeroLagMeansEveryUnitIsPaidBeforeTheNext() {
        assertThatThrownBy(() -> terms(10, 25, 10, 1000, -1, 600, 300, 5))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("maxBillingUnitLag must be 0 or more");
        assertThat(terms(10, 25, 10, 1000, 0, 600, 300, 5).maxBillingUnitLag()).isZero();
    }

    @Test
    void everyOtherNonsenseIsRefusedNamingItsField() {
        assertThatThrownBy(() -> terms(10, -1, 10, 1000, 3, 600, 300, 5)).hasMessageContaining("setupPrice");
        assertThatThrownBy(() -> terms(10, 25, 0, 1000, 3, 600, 300, 5)).hasMessageContaining("minUnits");
        assertThatThrownBy(() -> terms(10, 25, 10, 9, 3, 600, 300, 5)).hasMessageContaining("maxUnits");
        assertThatThrownBy(() -> terms(10, 25, 10, 1000, 3, 0, 300, 5)).hasMessageContaining("maxInactiveSeconds");
        assertThatThrownBy(() -> terms(10, 25, 10, 1000, 3, 600, 0, 5)).hasMessageContaining("maxSuspendSeconds");
        assertThatThrownBy(() -> new ChannelTerms(" ", big(10), big(25), 10, 1000, 3, 600, 300, 5)).hasMessageContaining("unitName");
        assertThatThrownBy(() -> new ChannelTerms("MB", null, big(25), 10, 1000, 3, 600, 300, 5))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("unitPrice");
        assertThat(terms(10, 0, 1, 1, 0, 1, 1, 1).minimumDeposit()).as("the smallest sensible terms").isEqualTo(big(10));
    }

    @Test
    void aStakeTheContractCannotHoldIsRefused() {
        BigInteger max = ChannelTerms.MAX_AMOUNT;

        assertThatThrownBy(() -> new ChannelTerms("MB", max, BigInteger.ZERO, 1, 1, 0, 1, 1, 2))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("supply × minimum deposit").hasMessageContaining("2^128 - 1");
        assertThat(new ChannelTerms("MB", max, BigInteger.ZERO, 1, 1, 0, 1, 1, 1).stake()).isEqualTo(max);
    }
}

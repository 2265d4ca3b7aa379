package io.tollway.domain.model.agreement;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscrowTermsTest {

    private static final BigInteger UINT96_MAX = BigInteger.TWO.pow(96).subtract(BigInteger.ONE);

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void sensibleTermsAreKeptAsGiven() {
        EscrowTerms terms = new EscrowTerms(big(1000), big(3600), big(7200), 0);

        assertThat(terms.setupFee()).isEqualTo(big(1000));
        assertThat(terms.minimumFirstDeposit()).isEqualTo(big(1000));
        assertThat(new EscrowTerms(BigInteger.ZERO, BigInteger.ONE, BigInteger.ZERO, 0).usageCap(3600))
                .as("no setup fee and no usage charges are allowed").isZero();
    }

    /** The contract never lets an agreement with a zero base fee start, so such an offering could sell nothing. */
    @Test
    void zeroOrNegativeBaseFeeIsRefused() {
        assertThatThrownBy(() -> new EscrowTerms(big(1), BigInteger.ZERO, big(1), 0))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("baseFeePerHour must be more than 0");
        assertThatThrownBy(() -> new EscrowTerms(big(1), big(-5), big(1), 0))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("baseFeePerHour must be more than 0");
    }

    @Test
    void negativeFeesAndNoticePeriodAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new EscrowTerms(big(-1), big(1), big(1), 0))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("setupFee must be 0 or more");
        assertThatThrownBy(() -> new EscrowTerms(big(1), big(1), big(-1), 0))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("variableFeePerHour must be 0 or more");
        assertThatThrownBy(() -> new EscrowTerms(big(1), big(1), big(1), -1))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("lockupSeconds");
    }

    /** ServiceEscrow.setTerms reverts above uint96 fees and a uint32 notice period: such terms could never go on chain. */
    @Test
    void termsBeyondTheContractsTypesAreRefused() {
        BigInteger tooMuch = UINT96_MAX.add(BigInteger.ONE);

        assertThatThrownBy(() -> new EscrowTerms(tooMuch, big(1), big(1), 0)).hasMessageStartingWith("setupFee must be at most 2^96 - 1");
        assertThatThrownBy(() -> new EscrowTerms(big(1), tooMuch, big(1), 0)).hasMessageStartingWith("baseFeePerHour must be at most");
        assertThatThrownBy(() -> new EscrowTerms(big(1), big(1), tooMuch, 0)).hasMessageStartingWith("variableFeePerHour must be at most");
        assertThatThrownBy(() -> new EscrowTerms(big(1), big(1), big(1), 4_294_967_296L)).hasMessageStartingWith("lockupSeconds must be 0 to 4294967295");

        EscrowTerms largest = new EscrowTerms(UINT96_MAX, UINT96_MAX, UINT96_MAX, 4_294_967_295L);
        assertThat(largest.baseFeePerHour()).isEqualTo(UINT96_MAX);
    }

    @Test
    void invalidTermsAreStillIllegalArguments() {
        assertThatThrownBy(() -> new EscrowTerms(big(1), BigInteger.ZERO, big(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

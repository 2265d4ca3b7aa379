package io.tollway.interfaces.rest;

import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.agreement.InvalidTerms;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An agreement's new terms (PUT /agreements/{id}/terms) are read like an offering's escrow terms. */
class EscrowTermsJsonTest {

    @Test
    void newTermsOfAnAgreementAreReadExactly() {
        EscrowTerms terms = new EscrowTermsJson("2000", "7200", "9000", BigDecimal.valueOf(60), false).toAgreementTerms();

        assertThat(terms).isEqualTo(new EscrowTerms(BigInteger.valueOf(2000), BigInteger.valueOf(7200), BigInteger.valueOf(9000), 60));
        assertThat(new EscrowTermsJson("2000", "7200", "9000", null, null).toAgreementTerms().lockupSeconds()).isZero();
    }

    @Test
    void wrongNewTermsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new EscrowTermsJson(null, "7200", "9000", null, null).toAgreementTerms())
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("setupFee is required");
        assertThatThrownBy(() -> new EscrowTermsJson("2000", "0", "9000", null, null).toAgreementTerms())
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("baseFeePerHour must be more than 0");
        assertThatThrownBy(() -> new EscrowTermsJson("2000", "7200", "79228162514264337593543950336", null, null).toAgreementTerms())
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("variableFeePerHour must be at most 2^96 - 1");
        assertThatThrownBy(() -> new EscrowTermsJson("2000", "7200", "9000", new BigDecimal("1.5"), null).toAgreementTerms())
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("lockupSeconds");
    }

    /** The agreement's escrow has no arbiter: asking for one is refused, not dropped. */
    @Test
    void uptimeArbitrationIsRefusedForAnAgreement() {
        assertThatThrownBy(() -> new EscrowTermsJson("2000", "7200", "9000", null, true).toAgreementTerms())
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith("uptimeArbitration");
    }
}

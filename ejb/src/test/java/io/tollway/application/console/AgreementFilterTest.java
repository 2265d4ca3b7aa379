package io.tollway.application.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgreementFilterTest {

    @Test
    void blankFiltersMeanAny() {
        AgreementFilter filter = new AgreementFilter(" ", "", null, "  ", "\t");

        assertThat(filter).isEqualTo(AgreementFilter.none());
    }

    @Test
    void onlyKnownStatusesAndModelsAreFilteredOn() {
        assertThat(new AgreementFilter("ACTIVE", "ESCROW", null, null, null).status()).isEqualTo("ACTIVE");
        assertThatThrownBy(() -> new AgreementFilter("RUNNING", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no agreement status RUNNING");
        assertThatThrownBy(() -> new AgreementFilter(null, "BARTER", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no settlement model BARTER");
    }

    @Test
    void theSearchMatchesItsOwnWildcardsLiterally() {
        AgreementFilter filter = new AgreementFilter(null, null, null, null, " VPN_50%\\x ");

        assertThat(filter.searchPattern(false)).isEqualTo("vpn\\_50\\%\\\\x%");
        assertThat(filter.searchPattern(true)).isEqualTo("%vpn\\_50\\%\\\\x%");
    }
}

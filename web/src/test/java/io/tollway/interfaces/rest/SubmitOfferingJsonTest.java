package io.tollway.interfaces.rest;

import io.tollway.application.offering.OfferingView;
import io.tollway.application.offering.SubmitOffering;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.agreement.InvalidTerms;
import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.domain.model.offering.OfferingTerms;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the API reads an offering's terms: exactly the model's terms, every value read exactly, the field named when wrong. */
class SubmitOfferingJsonTest {

    private static final EscrowTermsJson ESCROW = new EscrowTermsJson("1000", "3600", "7200", BigDecimal.ZERO, false);
    private static final ChannelTermsJson CHANNEL = channel("10", 10, 100_000, 50, BigDecimal.TEN);

    private static ChannelTermsJson channel(String unitPrice, long minUnits, long maxUnits, long lag, BigDecimal supply) {
        return new ChannelTermsJson("MB", unitPrice, "0", BigDecimal.valueOf(minUnits), BigDecimal.valueOf(maxUnits),
                BigDecimal.valueOf(lag), BigDecimal.valueOf(3600), BigDecimal.valueOf(3600), supply);
    }

    private static EscrowTermsJson escrow(String setupFee, String baseFeePerHour) {
        return new EscrowTermsJson(setupFee, baseFeePerHour, "7200", null, null);
    }

    private static SubmitOffering submit(String model, EscrowTermsJson escrow, ChannelTermsJson channel) {
        return new SubmitOfferingJson("provider-1", "VPN", model, escrow, channel).toCommand();
    }

    private static void assertInvalidTerms(String model, EscrowTermsJson escrow, ChannelTermsJson channel, String detailStart) {
        assertThatThrownBy(() -> submit(model, escrow, channel))
                .isInstanceOf(InvalidTerms.class).hasMessageStartingWith(detailStart);
    }

    @Test
    void escrowOfferingCarriesItsTermsExactly() {
        SubmitOffering command = submit("ESCROW", new EscrowTermsJson("1000", "3600", "7200", BigDecimal.valueOf(600), true), null);

        assertThat(command.terms()).isEqualTo(new OfferingTerms.Escrow(
                new EscrowTerms(BigInteger.valueOf(1000), BigInteger.valueOf(3600), BigInteger.valueOf(7200), 600), true));
    }

    @Test
    void noticePeriodAndUptimeArbitrationAreOptional() {
        OfferingTerms.Escrow terms = (OfferingTerms.Escrow) submit("escrow", escrow("1000", "3600"), null).terms();

        assertThat(terms.terms().lockupSeconds()).isZero();
        assertThat(terms.uptimeArbitration()).isFalse();
    }

    @Test
    void channelOfferingCarriesItsTermsExactly() {
        SubmitOffering command = submit("CHANNEL", null, CHANNEL);

        assertThat(command.terms()).isEqualTo(new OfferingTerms.Channel(
                new ChannelTerms("MB", BigInteger.TEN, BigInteger.ZERO, 10, 100_000, 50, 3600, 3600, 10)));
    }

    @Test
    void amountsBeyondWhatADoubleHoldsArriveToTheLastUnit() {
        String large = "79228162514264337593543950335"; // 2^96 - 1, the largest fee the escrow contract takes

        OfferingTerms.Escrow terms = (OfferingTerms.Escrow) submit("ESCROW", escrow(large, large), null).terms();

        assertThat(terms.terms().setupFee()).isEqualTo(new BigInteger(large));
    }

    @Test
    void theModelsTermsAreRequiredAndTheOtherModelsRefused() {
        assertInvalidTerms("ESCROW", null, null, "escrow is required");
        assertInvalidTerms("CHANNEL", null, null, "channel is required");
        assertInvalidTerms("ESCROW", ESCROW, CHANNEL, "channel must be absent");
        assertInvalidTerms("CHANNEL", ESCROW, CHANNEL, "escrow must be absent");
        assertInvalidTerms("CHANNEL", ESCROW, null, "escrow must be absent");
    }

    @Test
    void missingValuesAreNamed() {
        assertInvalidTerms("ESCROW", escrow(null, "3600"), null, "setupFee is required");
        assertInvalidTerms("CHANNEL", null, new ChannelTermsJson("MB", "10", "0", BigDecimal.ONE, BigDecimal.TEN, null,
                BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE), "maxBillingUnitLag is required");
        assertInvalidTerms("CHANNEL", null, new ChannelTermsJson(null, "10", "0", BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ONE,
                BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE), "unitName is required");
    }

    @Test
    void amountsThatAreNotWholeDecimalNumbersAreRefused() {
        for (String notAnAmount : List.of("ten", "12.5", "1e3", "0x10", " 10", "", "1".repeat(79))) {
            assertInvalidTerms("ESCROW", escrow(notAnAmount, "3600"), null, "setupFee must be a whole number");
        }
        assertInvalidTerms("CHANNEL", null, channel("10 MB", 10, 100, 5, BigDecimal.ONE), "unitPrice must be a whole number");
    }

    @Test
    void countsAreReadExactlyNotTruncated() {
        assertInvalidTerms("CHANNEL", null, channel("10", 10, 100, 5, new BigDecimal("4294967306")), "supply is out of range");
        assertInvalidTerms("CHANNEL", null, channel("10", 10, 100, 5, new BigDecimal("10.5")), "supply must be a whole number");
        assertInvalidTerms("CHANNEL", null, new ChannelTermsJson("MB", "10", "0", new BigDecimal("18446744073709551626"),
                BigDecimal.TEN, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE), "minUnits must be a whole number within 64 bits");
        assertThat(((OfferingTerms.Channel) submit("CHANNEL", null, channel("10", 10, 100, 5, new BigDecimal("1E+1"))).terms())
                .terms().supply()).as("10 written with an exponent is still 10").isEqualTo(10);
    }

    @Test
    void nonsenseIsRefusedByTheDomainNamingTheField() {
        assertInvalidTerms("ESCROW", escrow("-1", "3600"), null, "setupFee must be 0 or more");
        assertInvalidTerms("ESCROW", escrow("1000", "0"), null, "baseFeePerHour must be more than 0");
        assertInvalidTerms("CHANNEL", null, channel("0", 10, 100, 5, BigDecimal.ONE), "unitPrice must be more than 0");
        assertInvalidTerms("CHANNEL", null, channel("10", 10, 100, 5, BigDecimal.ZERO), "supply must be 1 to 65535");
        assertInvalidTerms("CHANNEL", null, channel("10", 10, 100, 5, BigDecimal.valueOf(65_536)), "supply must be 1 to 65535");
        assertInvalidTerms("CHANNEL", null, channel("10", 10, 100, -1, BigDecimal.ONE), "maxBillingUnitLag must be 0 or more");
        assertInvalidTerms("CHANNEL", null, channel("10", 101, 100, 5, BigDecimal.ONE), "maxUnits must be at least minUnits");
    }

    @Test
    void unknownOrMissingModelIsAnInvalidRequestNotInvalidTerms() {
        assertThatThrownBy(() -> submit("BARTER", ESCROW, null))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(InvalidTerms.class).hasMessageContaining("settlementModel");
        assertThatThrownBy(() -> submit(null, ESCROW, null)).isNotInstanceOf(InvalidTerms.class).hasMessageContaining("settlementModel");
    }

    @Test
    void anOfferingShowsItsTermsTheWayTheyWereSubmitted() {
        OfferingJson escrowOffering = OfferingJson.of(view(submit("ESCROW", ESCROW, null).terms()));
        OfferingJson channelOffering = OfferingJson.of(view(submit("CHANNEL", null, CHANNEL).terms()));

        assertThat(escrowOffering.escrow()).isEqualTo(ESCROW);
        assertThat(escrowOffering.channel()).isNull();
        assertThat(channelOffering.channel()).isEqualTo(CHANNEL);
        assertThat(channelOffering.escrow()).isNull();
        assertThat(OfferingJson.of(view(null)).escrow()).as("an offering from before terms").isNull();
    }

    private static OfferingView view(OfferingTerms terms) {
        String model = terms == null ? "ESCROW" : terms.settlementModel().name();
        return new OfferingView("id", "provider-1", "VPN", model, terms, "SUBMITTED", null, null, null, List.of());
    }
}

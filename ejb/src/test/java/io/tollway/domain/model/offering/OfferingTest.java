package io.tollway.domain.model.offering;

import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.channel.ChannelTerms;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfferingTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 20, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final EscrowTerms ESCROW_TERMS = new EscrowTerms(big(1000), big(3600), big(7200), 600);
    private static final OfferingTerms ESCROW = new OfferingTerms.Escrow(ESCROW_TERMS, true);
    private static final ChannelTerms CHANNEL_TERMS = new ChannelTerms("MB", big(10), big(0), 10, 100_000, 50, 3600, 3600, 10);
    private static final OfferingTerms CHANNEL = new OfferingTerms.Channel(CHANNEL_TERMS);

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    private static Offering inReview() {
        Offering offering = Offering.submit("provider-1", "VPN", ESCROW, NOW);
        offering.openReview(NOW);
        return offering;
    }

    @Test
    void submittedOfferingWaitsForItsReview() {
        Offering offering = Offering.submit(" provider-1 ", " VPN ", CHANNEL, NOW);

        assertThat(offering.status()).isEqualTo(OfferingStatus.SUBMITTED);
        assertThat(offering.providerId()).isEqualTo("provider-1");
        assertThat(offering.name()).isEqualTo("VPN");
        assertThat(offering.id()).hasSize(36);
    }

    @Test
    void blankNameOrProviderIsRefused() {
        assertThatThrownBy(() -> Offering.submit("p", " ", ESCROW, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> Offering.submit(null, "VPN", ESCROW, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("providerId");
    }

    @Test
    void reviewEndsPublishedRejectedWithReasonOrExpired() {
        Offering published = inReview();
        published.publish(NOW);
        assertThat(published.status()).isEqualTo(OfferingStatus.PUBLISHED);
        assertThat(published.decidedAt()).isEqualTo(NOW);

        Offering rejected = inReview();
        rejected.reject("terms unclear", NOW);
        assertThat(rejected.status()).isEqualTo(OfferingStatus.REJECTED);
        assertThat(rejected.decisionReason()).isEqualTo("terms unclear");

        Offering expired = inReview();
        expired.expire(NOW);
        assertThat(expired.status()).isEqualTo(OfferingStatus.EXPIRED);
    }

    @Test
    void rejectionNeedsAReason() {
        Offering offering = inReview();

        assertThatThrownBy(() -> offering.reject("  ", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(offering.status()).isEqualTo(OfferingStatus.IN_REVIEW);
    }

    @Test
    void decidedOfferingCannotBeDecidedAgain() {
        Offering offering = inReview();
        offering.publish(NOW);

        assertThatThrownBy(() -> offering.expire(NOW)).isInstanceOf(IllegalOfferingTransition.class)
                .hasMessageContaining("is PUBLISHED and cannot become EXPIRED");
        assertThat(offering.status()).isEqualTo(OfferingStatus.PUBLISHED);
    }

    @Test
    void onlyAPublishedOfferingIsRetiredAndOnlyWithAReason() {
        Offering offering = inReview();
        assertThatThrownBy(() -> offering.retire("old", NOW)).isInstanceOf(IllegalOfferingTransition.class);
        offering.publish(NOW);
        assertThatThrownBy(() -> offering.retire(" ", NOW)).isInstanceOf(IllegalArgumentException.class);

        offering.retire("replaced by VPN 2", NOW.plusDays(1));

        assertThat(offering.status()).isEqualTo(OfferingStatus.RETIRED);
        assertThat(offering.decisionReason()).isEqualTo("replaced by VPN 2");
        assertThatThrownBy(() -> offering.retire("again", NOW)).isInstanceOf(IllegalOfferingTransition.class);
    }

    @Test
    void offeringCannotBeDecidedBeforeItsReviewOpens() {
        Offering offering = Offering.submit("p", "VPN", ESCROW, NOW);

        assertThatThrownBy(() -> offering.publish(NOW)).isInstanceOf(IllegalOfferingTransition.class);
    }

    @Test
    void escrowOfferingCarriesItsEscrowTermsAndNoChannelTerms() {
        Offering offering = Offering.submit("p", "VPN", ESCROW, NOW);

        assertThat(offering.settlementModel()).isEqualTo(SettlementModel.ESCROW);
        assertThat(offering.escrowTerms()).contains(ESCROW_TERMS);
        assertThat(offering.uptimeArbitration()).isTrue();
        assertThat(offering.channelTerms()).isEmpty();
        assertThat(offering.terms()).contains(ESCROW);
    }

    @Test
    void channelOfferingCarriesItsChannelTermsAndNoEscrowTerms() {
        Offering offering = Offering.submit("p", "Traffic", CHANNEL, NOW);

        assertThat(offering.settlementModel()).isEqualTo(SettlementModel.CHANNEL);
        assertThat(offering.channelTerms()).contains(CHANNEL_TERMS);
        assertThat(offering.escrowTerms()).isEmpty();
        assertThat(offering.uptimeArbitration()).isFalse();
        assertThat(offering.terms()).contains(CHANNEL);
    }

    /** The kind of terms decides the model, so a mismatch between the two cannot be built. */
    @Test
    void offeringWithoutTermsIsRefused() {
        assertThatThrownBy(() -> Offering.submit("p", "VPN", null, NOW))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("terms");
        assertThatThrownBy(() -> new OfferingTerms.Escrow(null, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OfferingTerms.Channel(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void termsStayWithTheOfferingThroughItsReview() {
        Offering offering = inReview();
        offering.publish(NOW);

        assertThat(offering.terms()).contains(ESCROW);
    }
}

package io.tollway.domain.model.offering;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfferingTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 20, 12, 0, 0, 0, ZoneOffset.UTC);

    private static Offering inReview() {
        Offering offering = Offering.submit("provider-1", "VPN", SettlementModel.ESCROW, NOW);
        offering.openReview(NOW);
        return offering;
    }

    @Test
    void submittedOfferingWaitsForItsReview() {
        Offering offering = Offering.submit(" provider-1 ", " VPN ", SettlementModel.CHANNEL, NOW);

        assertThat(offering.status()).isEqualTo(OfferingStatus.SUBMITTED);
        assertThat(offering.providerId()).isEqualTo("provider-1");
        assertThat(offering.name()).isEqualTo("VPN");
        assertThat(offering.id()).hasSize(36);
    }

    @Test
    void blankNameOrProviderIsRefused() {
        assertThatThrownBy(() -> Offering.submit("p", " ", SettlementModel.ESCROW, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> Offering.submit(null, "VPN", SettlementModel.ESCROW, NOW))
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
    void offeringCannotBeDecidedBeforeItsReviewOpens() {
        Offering offering = Offering.submit("p", "VPN", SettlementModel.ESCROW, NOW);

        assertThatThrownBy(() -> offering.publish(NOW)).isInstanceOf(IllegalOfferingTransition.class);
    }
}

package io.tollway.interfaces.rest;

import io.tollway.application.offering.OfferingView;
import io.tollway.domain.model.offering.OfferingTerms;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An offering as the API shows it. Its terms appear under {@code escrow} or {@code channel}, the
 * same way a provider submits them; an offering submitted before offerings had terms has neither.
 */
public record OfferingJson(String id, String providerId, String name, String settlementModel, EscrowTermsJson escrow,
                           ChannelTermsJson channel, String status, OffsetDateTime submittedAt, OffsetDateTime decidedAt,
                           String decisionReason, List<String> activeSteps) {

    static OfferingJson of(OfferingView view) {
        OfferingTerms terms = view.terms();
        EscrowTermsJson escrow = terms instanceof OfferingTerms.Escrow e ? EscrowTermsJson.of(e) : null;
        ChannelTermsJson channel = terms instanceof OfferingTerms.Channel c ? ChannelTermsJson.of(c) : null;
        return new OfferingJson(view.id(), view.providerId(), view.name(), view.settlementModel(), escrow, channel,
                view.status(), view.submittedAt(), view.decidedAt(), view.decisionReason(), view.activeSteps());
    }
}

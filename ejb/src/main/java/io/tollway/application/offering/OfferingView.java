package io.tollway.application.offering;

import io.tollway.domain.model.offering.Offering;
import io.tollway.domain.model.offering.OfferingTerms;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What callers outside the application layer see of an offering, with the state of its review
 * process. The terms are the domain's immutable value records, never the entity; they are null
 * only for an offering submitted before offerings had terms.
 */
public record OfferingView(String id, String providerId, String name, String settlementModel, OfferingTerms terms,
                           String status, OffsetDateTime submittedAt, OffsetDateTime decidedAt, String decisionReason,
                           List<String> activeSteps) {

    static OfferingView of(Offering offering, List<String> activeSteps) {
        return new OfferingView(offering.id(), offering.providerId(), offering.name(),
                offering.settlementModel().name(), offering.terms().orElse(null), offering.status().name(),
                offering.submittedAt(), offering.decidedAt(), offering.decisionReason(), activeSteps);
    }
}

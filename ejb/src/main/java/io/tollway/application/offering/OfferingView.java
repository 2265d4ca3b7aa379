package io.tollway.application.offering;

import io.tollway.domain.model.offering.Offering;

import java.time.OffsetDateTime;
import java.util.List;

/** What callers outside the application layer see of an offering, with the state of its review process. */
public record OfferingView(String id, String providerId, String name, String settlementModel, String status,
                           OffsetDateTime submittedAt, OffsetDateTime decidedAt, String decisionReason,
                           List<String> activeSteps) {

    static OfferingView of(Offering offering, List<String> activeSteps) {
        return new OfferingView(offering.id(), offering.providerId(), offering.name(),
                offering.settlementModel().name(), offering.status().name(), offering.submittedAt(),
                offering.decidedAt(), offering.decisionReason(), activeSteps);
    }
}

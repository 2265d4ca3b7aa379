package io.tollway.interfaces.rest;

import io.tollway.application.offering.OfferingView;

import java.time.OffsetDateTime;
import java.util.List;

/** An offering as the API shows it. */
public record OfferingJson(String id, String providerId, String name, String settlementModel, String status,
                           OffsetDateTime submittedAt, OffsetDateTime decidedAt, String decisionReason,
                           List<String> activeSteps) {

    static OfferingJson of(OfferingView view) {
        return new OfferingJson(view.id(), view.providerId(), view.name(), view.settlementModel(), view.status(),
                view.submittedAt(), view.decidedAt(), view.decisionReason(), view.activeSteps());
    }
}

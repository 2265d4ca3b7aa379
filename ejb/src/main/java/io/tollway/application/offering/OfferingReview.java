package io.tollway.application.offering;

import io.tollway.domain.model.offering.Offering;
import io.tollway.domain.model.offering.OfferingNotFound;
import io.tollway.domain.model.offering.OfferingRepository;
import io.tollway.infrastructure.faults.FaultInjector;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The steps of an offering's review, each called by one task of the {@code offeringReview}
 * process inside the transaction of that task. Each step has a fault point right after its write,
 * so tests can prove the write and the engine's progress are one unit.
 */
@Stateless
public class OfferingReview {

    @Inject
    private OfferingRepository offerings;

    @Inject
    private FaultInjector faults;

    public void openReview(String offeringId) {
        apply(offeringId, "offering.review-opened", offering -> offering.openReview(now()));
    }

    public void publish(String offeringId) {
        apply(offeringId, "offering.published", offering -> offering.publish(now()));
    }

    public void reject(String offeringId, String reason) {
        apply(offeringId, "offering.rejected", offering -> offering.reject(reason, now()));
    }

    public void expire(String offeringId) {
        apply(offeringId, "offering.expired", offering -> offering.expire(now()));
    }

    private void apply(String offeringId, String faultPoint, Consumer<Offering> step) {
        Offering offering = offerings.find(offeringId).orElseThrow(() -> new OfferingNotFound(offeringId));
        step.accept(offering);
        offerings.flush();
        faults.check(faultPoint, offeringId);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}

package io.tollway.application.offering;

import io.tollway.domain.model.offering.Offering;
import io.tollway.domain.model.offering.OfferingRepository;
import io.tollway.infrastructure.config.TollwayConfig;
import io.tollway.process.offeringreview.OfferingReviewProcess;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Submitting offerings and reading them. A submitted offering and the start of its review process
 * commit together: either both exist or neither does.
 */
@Stateless
public class OfferingCatalog {

    @Inject
    private OfferingRepository offerings;

    @Inject
    private OfferingReviewProcess reviewProcess;

    @Inject
    private TollwayConfig config;

    public OfferingView submit(SubmitOffering request) {
        Offering offering = Offering.submit(request.providerId(), request.name(), request.terms(),
                OffsetDateTime.now(ZoneOffset.UTC));
        offerings.add(offering);
        reviewProcess.start(offering.id(), config.offeringReviewTimeout());
        return view(offering);
    }

    public Optional<OfferingView> find(String id) {
        return offerings.find(id).map(this::view);
    }

    public List<OfferingView> page(int offset, int limit) {
        return offerings.page(offset, limit).stream().map(this::view).toList();
    }

    public long count() {
        return offerings.count();
    }

    private OfferingView view(Offering offering) {
        return OfferingView.of(offering, reviewProcess.activeSteps(offering.id()));
    }
}

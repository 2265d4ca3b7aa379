package io.tollway.application.console;

import io.tollway.application.account.Accounts;
import io.tollway.application.audit.AuditLog;
import io.tollway.domain.model.account.Role;
import io.tollway.application.offering.OfferingCatalog;
import io.tollway.application.offering.OfferingView;
import io.tollway.application.offering.SubmitOffering;
import io.tollway.domain.model.offering.Offering;
import io.tollway.domain.model.offering.OfferingNotFound;
import io.tollway.domain.model.offering.OfferingRepository;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An admin's actions on offerings from the console, each audited in its own transaction: an
 * offering submitted for a provider goes through the same review as one the provider submits
 * through the API; a retired one takes no new agreements.
 */
@Stateless
public class OfferingAdministration {

    @EJB
    private OfferingCatalog catalog;

    @Inject
    private OfferingRepository offerings;

    @EJB
    private AuditLog audit;

    @EJB
    private Accounts accounts;

    public OfferingView submit(String actor, SubmitOffering request) {
        if (accounts.find(request.providerId()).filter(account -> account.role() == Role.PROVIDER).isEmpty()) {
            throw new IllegalArgumentException("there is no provider account " + request.providerId());
        }
        OfferingView offering = catalog.submit(request);
        audit.record(actor, AuditLog.OFFERING, offering.id(), "create",
                request.name() + " for " + request.providerId() + " (" + offering.settlementModel() + ")");
        return offering;
    }

    public void retire(String actor, String offeringId, String reason) {
        Offering offering = offerings.find(offeringId).orElseThrow(() -> new OfferingNotFound(offeringId));
        offering.retire(reason, OffsetDateTime.now(ZoneOffset.UTC));
        audit.record(actor, AuditLog.OFFERING, offeringId, "retire", reason.strip());
    }
}

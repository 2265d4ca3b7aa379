package io.tollway.interfaces.console;

import io.tollway.application.audit.AuditEntryView;
import io.tollway.application.audit.AuditLog;
import io.tollway.application.console.OfferingAdministration;
import io.tollway.application.offering.OfferingCatalog;
import io.tollway.application.offering.OfferingView;
import io.tollway.domain.model.offering.IllegalOfferingTransition;
import io.tollway.domain.model.offering.OfferingNotFound;
import io.tollway.domain.model.offering.OfferingTerms;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** One offering: its terms, its review, the audit of admin actions, and retiring it (admins). */
@Named
@ViewScoped
public class OfferingPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient OfferingCatalog catalog;
    @EJB
    private transient OfferingAdministration administration;
    @EJB
    private transient AuditLog audit;
    @Inject
    private ConsoleCaller caller;

    private String id;
    private String reason;
    private transient OfferingView offering;
    private transient List<TermRow> terms;
    private transient List<AuditEntryView> auditEntries;

    public void load() {
        offering = id == null ? null : catalog.find(id).orElse(null);
        if (offering == null) {
            ConsoleMessages.error("There is no offering " + id + ".");
            return;
        }
        OfferingTerms offered = offering.terms();
        terms = TermRow.ofRecord(offered instanceof Record r ? r : null);
        auditEntries = audit.of(AuditLog.OFFERING, id);
    }

    public String retire() {
        if (!caller.isAdmin()) {
            ConsoleMessages.error("Only an admin may do that.");
            return null;
        }
        try {
            administration.retire(caller.actor(), id, reason);
            ConsoleMessages.info("Retired: the offering takes no new agreements; those running go on.");
        } catch (IllegalArgumentException | IllegalOfferingTransition | OfferingNotFound refused) {
            ConsoleMessages.error(refused.getMessage());
        }
        return "/console/offering.xhtml?faces-redirect=true&id=" + id;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public OfferingView getOffering() { return offering; }
    public List<TermRow> getTerms() { return terms; }
    public List<AuditEntryView> getAuditEntries() { return auditEntries; }
}

package io.tollway.interfaces.console;

import io.tollway.application.account.Caller;
import io.tollway.application.agreement.AgreementRecords;
import io.tollway.application.agreement.AgreementView;
import io.tollway.application.agreement.Listing;
import io.tollway.application.agreement.Agreements;
import io.tollway.application.audit.AuditEntryView;
import io.tollway.application.audit.AuditLog;
import io.tollway.application.chain.ChainTransactionView;
import io.tollway.application.chain.ChainTransactions;
import io.tollway.application.console.AdminActionRefused;
import io.tollway.application.console.AgreementAdministration;
import io.tollway.application.console.AgreementBalances;
import io.tollway.application.console.AgreementDiagrams;
import io.tollway.application.console.BalanceChart;
import io.tollway.application.console.ProcessDiagram;
import io.tollway.application.offering.OfferingCatalog;
import io.tollway.application.offering.OfferingView;
import io.tollway.domain.model.account.Role;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.domain.model.agreement.IllegalAgreementTransition;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One agreement in the console: terms, parties, history, its processes drawn with their active
 * steps, balances over time, bills, cheques, chain transactions, the audit of admin actions, and
 * the admin's actions (suspend, resume, terminate), which go through the processes.
 */
@Named
@ViewScoped
public class AgreementPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AgreementPage.class.getName());
    /** The newest rows of each list the page shows (bills, cheques, chain transactions). */
    private static final int ROWS = 100;

    @EJB
    private transient Agreements agreements;
    @EJB
    private transient OfferingCatalog offerings;
    @EJB
    private transient ChainTransactions transactions;
    @EJB
    private transient AgreementRecords records;
    @EJB
    private transient AuditLog audit;
    @EJB
    private transient AgreementDiagrams diagrams;
    @EJB
    private transient AgreementBalances balances;
    @EJB
    private transient AgreementAdministration administration;
    @Inject
    private ConsoleCaller caller;
    @Inject
    private ConsoleFormat format;

    private String id;
    private String reason;

    private transient AgreementView agreement;
    private transient String offeringName;
    private transient List<TermRow> terms;
    private transient List<ChainTransactionView> chainTransactions;
    private transient Listing<AgreementView.BillView> bills;
    private transient Listing<AgreementView.ChequeView> cheques;
    private transient List<AuditEntryView> auditEntries;
    private transient List<ProcessDiagram> processDiagrams;
    private transient BalanceChart chart;
    private transient String chartJson;
    private transient String chartProblem;
    private transient boolean chainRead;

    /** Loads everything the page shows; an unknown id shows a message, not an error page. */
    public void load() {
        agreement = null;
        if (id == null || id.isBlank()) {
            ConsoleMessages.error("No agreement was named.");
            return;
        }
        Caller operator = new Caller(caller.actor(), Role.ADMIN);
        try {
            agreement = read(operator);
        } catch (AgreementNotFound notFound) {
            ConsoleMessages.error("There is no agreement " + id + ".");
            return;
        }
        offeringName = offerings.find(agreement.offeringId()).map(OfferingView::name).orElse(agreement.offeringId());
        terms = TermRow.ofJson(agreement.terms());
        chainTransactions = transactions.newest(null, id, ROWS);
        bills = records.bills(operator, id, 0, ROWS);
        cheques = records.cheques(operator, id, 0, ROWS);
        auditEntries = audit.of(AuditLog.AGREEMENT, id);
        processDiagrams = diagrams.running(id);
        try {
            chart = balances.of(id);
            chartJson = ConsoleJson.chart(chart);
        } catch (EJBException failed) {
            LOG.log(Level.WARNING, "balances of agreement " + id + " could not be computed", failed);
            chartProblem = "The balances could not be computed just now; the server's log says why.";
        }
    }

    /** With the chain's figures when the node answers; without them otherwise. */
    private AgreementView read(Caller operator) {
        try {
            AgreementView view = agreements.find(operator, id, true);
            chainRead = true;
            return view;
        } catch (EJBException chainUnreachable) {
            LOG.log(Level.WARNING, "agreement " + id + " read without the chain's figures", chainUnreachable);
            chainRead = false;
            return agreements.find(operator, id, false);
        }
    }

    // ---------------------------------------------------------------- admin actions

    public String suspend() {
        return act("Suspension requested: the provider is told to suspend the service.",
                () -> administration.suspend(caller.actor(), id, reason));
    }

    public String resume() {
        return act("Resume requested: the provider is told to resume the service.",
                () -> administration.resume(caller.actor(), id, reason));
    }

    public String terminate() {
        return act("Termination requested: the agreement is deprovisioned and settled on chain.",
                () -> administration.terminate(caller.actor(), id, reason));
    }

    private String act(String done, Runnable action) {
        if (!caller.isAdmin()) {
            ConsoleMessages.error("Only an admin may do that.");
            return null;
        }
        try {
            action.run();
            ConsoleMessages.info(done);
        } catch (AdminActionRefused | IllegalArgumentException | IllegalAgreementTransition | AgreementNotFound refused) {
            ConsoleMessages.error(refused.getMessage());
        }
        // after a POST, a GET of the page as it is now
        return "/console/agreement.xhtml?faces-redirect=true&id=" + id;
    }

    // ---------------------------------------------------------------- what the page shows

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public AgreementView getAgreement() {
        return agreement;
    }

    public String getOfferingName() {
        return offeringName;
    }

    public List<TermRow> getTerms() {
        return terms;
    }

    public List<ChainTransactionView> getChainTransactions() {
        return chainTransactions;
    }

    public Listing<AgreementView.BillView> getBills() {
        return bills;
    }

    public Listing<AgreementView.ChequeView> getCheques() {
        return cheques;
    }

    public List<AuditEntryView> getAuditEntries() {
        return auditEntries;
    }

    public List<ProcessDiagram> getDiagrams() {
        return processDiagrams;
    }

    public String activeOf(ProcessDiagram diagram) {
        return ConsoleJson.diagram(diagram);
    }

    public BalanceChart getChart() {
        return chart;
    }

    public String getChartJson() {
        return chartJson;
    }

    public String getChartProblem() {
        return chartProblem;
    }

    public boolean isChainRead() {
        return chainRead;
    }

    public String getOutOfFundsAt() {
        return chart == null || chart.outOfFundsAt() == null ? null : format.when(chart.outOfFundsAt());
    }

    public boolean isLive() {
        return agreement != null && ("ACTIVE".equals(agreement.status()) || "SUSPENDED".equals(agreement.status()));
    }

    public boolean isEnded() {
        return agreement != null && ("TERMINATING".equals(agreement.status()) || "TERMINATED".equals(agreement.status()));
    }
}

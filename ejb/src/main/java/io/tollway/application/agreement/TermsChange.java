package io.tollway.application.agreement;

import io.tollway.application.account.Caller;
import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.AgreementStatus;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.agreement.IllegalAgreementTransition;
import io.tollway.domain.model.offering.SettlementModel;
import io.tollway.infrastructure.chain.escrow.EscrowChain;
import io.tollway.process.agreement.AgreementProcesses;
import io.tollway.process.engine.EngineClock;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.ZoneOffset;
import java.util.Set;

/**
 * The provider's new terms for an escrow agreement while its approvals are open. TFChain let fees
 * change after one party approved without resetting that approval (DESIGN.md section 3); here
 * both approvals are void at once, and the setup process, told so, ends the open approval (the
 * approver's task goes away), sets the new terms on chain (which resets both approvals there,
 * the consumer's too) and opens the approval again with a new task.
 */
@Stateless
public class TermsChange {

    /** The escrow's statuses in which {@code setTerms} is still taken; after both approvals the terms bind. */
    private static final Set<String> NEGOTIABLE_ON_CHAIN = Set.of("Created", "Ready");

    @Inject
    private AgreementRepository agreements;

    @Inject
    private AgreementProcesses processes;

    @Inject
    private EscrowChain escrow;

    @EJB
    private Agreements views;

    /**
     * @param caller the agreement's provider or an admin; anyone else gets not found
     * @return the agreement with the new terms, or unchanged when they are its terms already
     */
    public AgreementView change(Caller caller, String id, EscrowTerms newTerms) {
        Agreement agreement = agreements.find(id)
                .filter(a -> caller.seesEveryTenant() || a.providerId().equals(caller.accountId()))
                .orElseThrow(() -> new AgreementNotFound(id));
        if (agreement.settlementModel() != SettlementModel.ESCROW) {
            throw new Agreements.UnsupportedModel(agreement.settlementModel(), "changes of terms");
        }
        if (agreement.status() != AgreementStatus.AWAITING_APPROVAL) {
            throw new IllegalAgreementTransition(id, agreement.status(), "change its terms (only while awaiting approval)");
        }
        if (AgreementTermsJson.escrow(agreement.terms()).equals(newTerms)) {
            return views.find(caller, id, false); // a repeated request: nothing to change, both approvals stand
        }
        // the agreement learns of both approvals on chain a little later than the chain has them
        String onChain = escrow.agreement(agreement.onChainId()).status();
        if (!NEGOTIABLE_ON_CHAIN.contains(onChain)) {
            throw new Refused(id, "both parties have approved its terms on chain (the escrow is " + onChain + "), so they bind");
        }
        String json = AgreementTermsJson.of(newTerms);
        agreement.changeTerms(json, AgreementTermsJson.hash(json), EngineClock.now().atOffset(ZoneOffset.UTC));
        if (!processes.tellTermsChanged(id)) {
            // rolls the new terms back: terms the process never set on chain must not stand off chain
            throw new Refused(id, "its approval is not open for a change right now (an earlier change of terms is still being"
                    + " set on chain, or the approval is just moving on); try again in a moment");
        }
        return views.current(caller, id);
    }

    /** 409: the status allows a change of terms, but the chain or the processes do not right now. */
    public static class Refused extends IllegalAgreementTransition {
        public Refused(String id, String why) {
            super("the terms of agreement " + id + " cannot change: " + why);
        }
    }
}

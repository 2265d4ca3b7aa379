package io.tollway.application.console;

import io.tollway.application.account.Caller;
import io.tollway.application.agreement.Agreements;
import io.tollway.application.audit.AuditLog;
import io.tollway.domain.model.account.Role;
import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.AgreementStatus;
import io.tollway.process.agreement.AgreementProcesses;
import io.tollway.processes.ProcessModels;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * An admin's actions on an agreement, from the console. Each goes through the agreement's
 * processes, never around them: a suspension is the {@code agreementSuspension} process started
 * at its admin's start event (the provider is told to suspend, the agreement's history says why),
 * a resume is the message that process waits for, a termination is the stop the API makes
 * ({@link Agreements#stop}, on the provider's side). Each is audited in the same transaction: an
 * action refused or rolled back leaves no entry.
 */
@Stateless
public class AgreementAdministration {

    @Inject
    private AgreementRepository agreements;

    @Inject
    private AgreementProcesses processes;

    @EJB
    private Agreements agreementUseCases;

    @EJB
    private AuditLog audit;

    public void suspend(String actor, String agreementId, String reason) {
        String why = required(reason, "a suspension needs a reason");
        Agreement agreement = agreement(agreementId);
        if (agreement.status() != AgreementStatus.ACTIVE) {
            throw new AdminActionRefused("only an ACTIVE agreement can be suspended; this one is " + agreement.status());
        }
        if (processes.isRunning(ProcessModels.AGREEMENT_SUSPENSION, agreementId)) {
            throw new AdminActionRefused("a suspension of this agreement is under way already");
        }
        processes.adminSuspend(agreementId, agreement.onChainId(), agreement.settlementModel(), why);
        audit.record(actor, AuditLog.AGREEMENT, agreementId, "suspend", why);
    }

    public void resume(String actor, String agreementId, String note) {
        agreement(agreementId);
        if (!processes.adminResume(agreementId)) {
            throw new AdminActionRefused("no admin's suspension waits to be lifted (a suspension for payment ends when the consumer pays)");
        }
        audit.record(actor, AuditLog.AGREEMENT, agreementId, "resume", note == null || note.isBlank() ? null : note.strip());
    }

    public void terminate(String actor, String agreementId, String reason) {
        String why = required(reason, "a termination needs a reason");
        Agreement agreement = agreement(agreementId);
        if (agreement.status() == AgreementStatus.TERMINATING || agreement.status() == AgreementStatus.TERMINATED) {
            throw new AdminActionRefused("the agreement is " + agreement.status() + " already");
        }
        agreementUseCases.stop(new Caller(actor, Role.ADMIN), agreementId);
        audit.record(actor, AuditLog.AGREEMENT, agreementId, "terminate", why);
    }

    private Agreement agreement(String id) {
        return agreements.find(id).orElseThrow(() -> new AgreementNotFound(id));
    }

    private static String required(String text, String message) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        String stripped = text.strip();
        if (stripped.length() > 500) {
            throw new IllegalArgumentException("at most 500 characters, please");
        }
        return stripped;
    }
}

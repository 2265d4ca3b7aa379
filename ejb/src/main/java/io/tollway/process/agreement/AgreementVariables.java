package io.tollway.process.agreement;

import org.camunda.bpm.engine.delegate.VariableScope;

import java.util.Objects;

/**
 * The variables the agreement processes share: ids and flags only, never entities. Names here
 * are the names the BPMN expressions use.
 */
public final class AgreementVariables {

    public static final String AGREEMENT_ID = "agreementId";
    /** The escrow agreement's id on chain (decimal), as chain events name it. */
    public static final String ON_CHAIN_ID = "onChainId";
    public static final String CAUSE = "cause";
    public static final String APPROVED = "approved";
    public static final String REASON = "reason";
    public static final String APPROVAL_DUE = "approvalDue";
    public static final String APPROVAL_DEADLINE = "approvalDeadline";
    public static final String BOTH_APPROVED = "bothApproved";
    public static final String DEPOSIT_DEADLINE = "depositDeadline";
    public static final String DEPOSIT_MADE = "depositMade";
    public static final String PROVISIONING_DEADLINE = "provisioningDeadline";
    public static final String PROVISIONING_REPORTED = "provisioningReported";
    public static final String PROVISIONED = "provisioned";
    public static final String BILL_NUMBER = "billNumber";
    public static final String OUT_OF_FUNDS = "outOfFunds";
    public static final String LOW_BALANCE = "lowBalance";
    public static final String SUSPENDED = "suspended";
    public static final String SUSPENSION_DEADLINE = "suspensionDeadline";
    public static final String PAID = "paid";
    /** An admin's reason for a suspension, kept in the agreement's history; absent for a low balance or a lag. */
    public static final String SUSPENSION_REASON = "suspensionReason";
    /** What the termination does on chain: STOP, REJECT or NONE. */
    public static final String ESCROW_ACTION = "escrowAction";

    /** Messages the processes wait for, besides the chain events. */
    public static final String PROVISIONING_REPORTED_MESSAGE = "provisioningReported";
    public static final String TERMINATING_MESSAGE = "agreementTerminating";
    public static final String CONSUMER_REJECTED_MESSAGE = "consumerRejected";
    public static final String TERMS_CHANGED_MESSAGE = "termsChanged";
    /** Starts agreementSuspension at "Suspended by an admin". */
    public static final String ADMIN_SUSPEND_MESSAGE = "adminSuspend";
    /** Ends an admin's suspension (only that one: a low balance waits for payment). */
    public static final String ADMIN_RESUME_MESSAGE = "adminResume";
    /**
     * Money reached the agreement: an escrow deposit (the chain's DepositMade event), a channel
     * opened or topped up, or a cheque accepted. The waits for a deposit and for payment catch it.
     */
    public static final String PAYMENT_MADE_MESSAGE = "chainEvent.DepositMade";
    /** The approvals changed: both on chain (AgreementApproved), or a channel consumer's approval through the API. */
    public static final String APPROVALS_CHANGED_MESSAGE = "chainEvent.AgreementApproved";
    public static final String SETTLEMENT_MODEL = "settlementModel";
    public static final String CHANNEL_ACTION = "channelAction";
    public static final String CHANNEL_CAUSE = "channelCause";
    public static final String OFFERING_ON_CHAIN = "offeringOnChain";

    private AgreementVariables() {
    }

    /**
     * Sets the variable unless it holds that value already. The engine writes every variable set,
     * changed or not, and its history with it (three statements); the billing cycle sets its
     * decisions at every bill and review, and they are mostly what they were.
     */
    public static void update(VariableScope execution, String name, Object value) {
        if (!execution.hasVariable(name) || !Objects.equals(execution.getVariable(name), value)) {
            execution.setVariable(name, value);
        }
    }
}

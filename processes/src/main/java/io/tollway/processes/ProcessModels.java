package io.tollway.processes;

import java.util.List;

/**
 * The BPMN models Tollway deploys, listed explicitly (no classpath scanning), with the ids that
 * tie a model to its delegates and tests.
 */
public final class ProcessModels {

    /** Review of a newly published offering by the approvers. */
    public static final String OFFERING_REVIEW = "offeringReview";

    /** One chain transaction, from the gateway's outbox to its confirmation or revert; called by the agreement processes. */
    public static final String CHAIN_TRANSACTION = "chainTransaction";

    /** The life of an agreement up to its activation. */
    public static final String AGREEMENT_SETUP = "agreementSetup";
    /** Both parties approve the same terms. */
    public static final String AGREEMENT_APPROVAL = "agreementApproval";
    /** Bills an active agreement at intervals. */
    public static final String BILLING_CYCLE = "billingCycle";
    /** Access suspended while the balance is low. */
    public static final String AGREEMENT_SUSPENSION = "agreementSuspension";
    /** Ends an agreement for its cause and settles it. */
    public static final String AGREEMENT_TERMINATION = "agreementTermination";

    /** Classpath resources of every model, deployed together as one deployment. */
    public static final List<String> RESOURCES = List.of(
            "processes/offering-review.bpmn",
            "processes/chain-transaction.bpmn",
            "processes/agreement-setup.bpmn",
            "processes/agreement-approval.bpmn",
            "processes/billing-cycle.bpmn",
            "processes/agreement-suspension.bpmn",
            "processes/agreement-termination.bpmn");

    private ProcessModels() {
    }
}

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

    /** Classpath resources of every model, deployed together as one deployment. */
    public static final List<String> RESOURCES = List.of(
            "processes/offering-review.bpmn",
            "processes/chain-transaction.bpmn");

    private ProcessModels() {
    }
}

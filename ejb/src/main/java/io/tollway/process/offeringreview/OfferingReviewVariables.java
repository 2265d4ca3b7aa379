package io.tollway.process.offeringreview;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import java.time.Duration;
import java.util.Map;

/**
 * The variables of the {@code offeringReview} process, in one place. The offering is the
 * instance's business key; the variables hold only the deadline and the decision.
 */
public final class OfferingReviewVariables {

    static final String REVIEW_TIMEOUT = "reviewTimeout";
    static final String APPROVED = "approved";
    static final String REASON = "reason";

    private OfferingReviewVariables() {
    }

    static Map<String, Object> atStart(Duration reviewTimeout) {
        return Map.of(REVIEW_TIMEOUT, reviewTimeout.toString());
    }

    static Map<String, Object> decision(boolean approved, String reason) {
        return reason == null ? Map.of(APPROVED, approved) : Map.of(APPROVED, approved, REASON, reason);
    }

    static String offeringId(DelegateExecution execution) {
        return execution.getProcessBusinessKey();
    }

    static String reason(DelegateExecution execution) {
        return (String) execution.getVariable(REASON);
    }
}

package io.tollway.process.offeringreview;

import io.tollway.application.offering.OfferingReview;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

@Named
@ApplicationScoped
public class RejectOfferingDelegate implements JavaDelegate {

    @EJB
    private OfferingReview review;

    @Override
    public void execute(DelegateExecution execution) {
        review.reject(OfferingReviewVariables.offeringId(execution), OfferingReviewVariables.reason(execution));
    }
}

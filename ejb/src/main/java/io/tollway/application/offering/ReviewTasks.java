package io.tollway.application.offering;

import io.tollway.process.offeringreview.OfferingReviewProcess;
import io.tollway.process.offeringreview.ReviewTask;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The approvers' review tasks: listing them and deciding one. A decision and the step it
 * triggers (rejecting the offering, or queueing its publication) commit together.
 */
@Stateless
public class ReviewTasks {

    @Inject
    private OfferingReviewProcess process;

    public List<ReviewTask> open(int offset, int limit) {
        return process.openTasks(offset, limit);
    }

    /**
     * Approves or rejects; a rejection needs a reason.
     *
     * @throws TaskNotFound when no open review task has this id (decided already, or never existed)
     */
    public void decide(String taskId, boolean approved, String reason) {
        if (!approved && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a rejection needs a reason");
        }
        process.openTask(taskId).orElseThrow(() -> new TaskNotFound(taskId));
        process.decide(taskId, approved, reason == null ? null : reason.strip());
    }
}

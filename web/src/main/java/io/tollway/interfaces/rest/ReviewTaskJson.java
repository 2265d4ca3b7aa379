package io.tollway.interfaces.rest;

import io.tollway.process.offeringreview.ReviewTask;

import java.time.Instant;

/** An approver's open review task. */
public record ReviewTaskJson(String id, String offeringId, String name, Instant createdAt) {

    static ReviewTaskJson of(ReviewTask task) {
        return new ReviewTaskJson(task.taskId(), task.offeringId(), task.name(), task.createdAt());
    }
}

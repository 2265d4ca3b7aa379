package io.tollway.process.offeringreview;

import java.time.Instant;

/** An approver's open task to review one offering. */
public record ReviewTask(String taskId, String offeringId, String name, Instant createdAt) {
}

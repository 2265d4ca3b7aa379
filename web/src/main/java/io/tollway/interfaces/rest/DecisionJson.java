package io.tollway.interfaces.rest;

/** An approver's decision on a review task; a rejection carries a reason. */
public record DecisionJson(Boolean approved, String reason) {
}

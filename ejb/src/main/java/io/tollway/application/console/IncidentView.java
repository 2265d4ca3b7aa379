package io.tollway.application.console;

import java.time.Instant;

/**
 * An open incident as the console shows it: a job that failed its last retry, the step it stopped
 * at, the subject of its process (the business key: an agreement or an offering) and the error's
 * message. Never the stack trace: the engine keeps it for the log, not for the page.
 */
public record IncidentView(String id, Instant at, String process, String activity, String subjectType, String subjectId,
                           String jobId, String message) {
}

package io.tollway.application.audit;

import java.time.OffsetDateTime;

/** One audit entry as pages show it. */
public record AuditEntryView(OffsetDateTime at, String actor, String subjectType, String subjectId,
                             String action, String detail) {
}

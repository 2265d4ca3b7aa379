package io.tollway.application.audit;

import io.tollway.domain.model.audit.AuditEntry;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records who did what in the console. {@link #record} joins the caller's transaction, so an
 * action and its entry commit or roll back together: no entry for an action that did not happen.
 */
@Stateless
public class AuditLog {

    /** Subject types used by the console. */
    public static final String AGREEMENT = "agreement";
    public static final String OFFERING = "offering";
    public static final String INCIDENT = "incident";
    public static final String SESSION = "session";

    @PersistenceContext(unitName = "tollway")
    private EntityManager entityManager;

    public void record(String actor, String subjectType, String subjectId, String action, String detail) {
        entityManager.persist(new AuditEntry(OffsetDateTime.now(ZoneOffset.UTC), actor, subjectType, subjectId, action, detail));
    }

    /** A subject's entries, newest first. */
    public List<AuditEntryView> of(String subjectType, String subjectId) {
        return entityManager.createQuery("select e from AuditEntry e where e.subjectType = :type and e.subjectId = :id "
                        + "order by e.at desc, e.id desc", AuditEntry.class)
                .setParameter("type", subjectType)
                .setParameter("id", subjectId)
                .setMaxResults(500)
                .getResultStream()
                .map(AuditLog::view)
                .toList();
    }

    private static AuditEntryView view(AuditEntry e) {
        return new AuditEntryView(e.at(), e.actor(), e.subjectType(), e.subjectId(), e.action(), e.detail());
    }
}

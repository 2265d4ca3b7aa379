package io.tollway.domain.model.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Objects;

/** One action a person took on a subject (an agreement, an offering, an incident). Never changed. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    static final int MAX_DETAIL = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private OffsetDateTime at;

    @Column(nullable = false)
    private String actor;

    @Column(name = "subject_type", nullable = false)
    private String subjectType;

    @Column(name = "subject_id", nullable = false)
    private String subjectId;

    @Column(nullable = false)
    private String action;

    private String detail;

    protected AuditEntry() {
        // for JPA
    }

    public AuditEntry(OffsetDateTime at, String actor, String subjectType, String subjectId, String action, String detail) {
        this.at = Objects.requireNonNull(at);
        this.actor = requireText(actor, "actor");
        this.subjectType = requireText(subjectType, "subjectType");
        this.subjectId = requireText(subjectId, "subjectId");
        this.action = requireText(action, "action");
        // a reason typed into a form may be long; the log keeps its start rather than refusing the action
        this.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public Long id() {
        return id;
    }

    public OffsetDateTime at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String subjectType() {
        return subjectType;
    }

    public String subjectId() {
        return subjectId;
    }

    public String action() {
        return action;
    }

    public String detail() {
        return detail;
    }
}

package io.tollway.domain.model.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.OffsetDateTime;

/** One step of an agreement's status history: when, from where to where, and why. */
@Embeddable
public class StatusChange {

    /** How the history names a change of terms (the status stays what it was). */
    static final String TERMS_CHANGED = "terms changed";

    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime at;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private AgreementStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    private AgreementStatus to;

    @Column(name = "reason")
    private String reason;

    protected StatusChange() {
        // for JPA
    }

    StatusChange(OffsetDateTime at, AgreementStatus from, AgreementStatus to, String reason) {
        this.at = at;
        this.from = from;
        this.to = to;
        this.reason = reason;
    }

    public OffsetDateTime at() {
        return at;
    }

    public AgreementStatus from() {
        return from;
    }

    public AgreementStatus to() {
        return to;
    }

    public String reason() {
        return reason;
    }

    /** Whether this entry records new terms rather than a move to another status. */
    public boolean isTermsChange() {
        return from == to && reason != null && reason.startsWith(TERMS_CHANGED);
    }
}

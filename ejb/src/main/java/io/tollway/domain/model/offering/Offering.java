package io.tollway.domain.model.offering;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A service a provider sells, with the settlement model its agreements use.
 *
 * <p>Life: a provider submits an offering; the approvers' review opens; an approver publishes or
 * rejects it, or the review expires when nobody decides in time. Only a published offering can be
 * requested by consumers. Each step is guarded by {@link OfferingStatus}, so a late or repeated
 * decision cannot move a decided offering.
 */
@Entity
@Table(name = "offering")
public class Offering {

    @Id
    private String id;

    @Column(name = "provider_id", nullable = false)
    private String providerId;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "settlement_model", nullable = false)
    private SettlementModel settlementModel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OfferingStatus status;

    @Column(name = "submitted_at", nullable = false)
    private OffsetDateTime submittedAt;

    @Column(name = "review_opened_at")
    private OffsetDateTime reviewOpenedAt;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    @Column(name = "decision_reason")
    private String decisionReason;

    @Version
    private long version;

    protected Offering() {
        // for JPA
    }

    private Offering(String providerId, String name, SettlementModel settlementModel, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.providerId = requireText(providerId, "providerId");
        this.name = requireText(name, "name");
        this.settlementModel = Objects.requireNonNull(settlementModel, "settlementModel");
        this.status = OfferingStatus.SUBMITTED;
        this.submittedAt = now;
    }

    public static Offering submit(String providerId, String name, SettlementModel settlementModel, OffsetDateTime now) {
        return new Offering(providerId, name, settlementModel, now);
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value.strip();
    }

    public void openReview(OffsetDateTime now) {
        moveTo(OfferingStatus.IN_REVIEW);
        reviewOpenedAt = now;
    }

    public void publish(OffsetDateTime now) {
        decide(OfferingStatus.PUBLISHED, null, now);
    }

    public void reject(String reason, OffsetDateTime now) {
        decide(OfferingStatus.REJECTED, requireText(reason, "reason"), now);
    }

    public void expire(OffsetDateTime now) {
        decide(OfferingStatus.EXPIRED, "review deadline passed", now);
    }

    private void decide(OfferingStatus outcome, String reason, OffsetDateTime now) {
        moveTo(outcome);
        decisionReason = reason;
        decidedAt = now;
    }

    private void moveTo(OfferingStatus target) {
        if (!status.canBecome(target)) {
            throw new IllegalOfferingTransition(id, status, target);
        }
        status = target;
    }

    public String id() {
        return id;
    }

    public String providerId() {
        return providerId;
    }

    public String name() {
        return name;
    }

    public SettlementModel settlementModel() {
        return settlementModel;
    }

    public OfferingStatus status() {
        return status;
    }

    public OffsetDateTime submittedAt() {
        return submittedAt;
    }

    public OffsetDateTime decidedAt() {
        return decidedAt;
    }

    public String decisionReason() {
        return decisionReason;
    }
}

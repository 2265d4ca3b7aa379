package io.tollway.domain.model.offering;

import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.channel.ChannelTerms;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A service a provider sells, with the settlement model its agreements use and that model's
 * terms ({@link OfferingTerms}), which agreements on the offering are made on.
 *
 * <p>Life: a provider submits an offering; the approvers' review opens; an approver publishes or
 * rejects it, or the review expires when nobody decides in time. Only a published offering can be
 * requested by consumers. Each step is guarded by {@link OfferingStatus}, so a late or repeated
 * decision cannot move a decided offering.
 *
 * <p>The terms are plain nullable columns, one set per model: JPA 3.1 cannot embed records, and
 * the table then shows exactly what the database's check guards (only the model's set is filled).
 * Offerings submitted before offerings had terms (schema V6) have neither set, and
 * {@link #terms()} is empty for them.
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

    @Column(name = "escrow_setup_fee")
    private BigInteger escrowSetupFee;

    @Column(name = "escrow_base_fee_per_hour")
    private BigInteger escrowBaseFeePerHour;

    @Column(name = "escrow_variable_fee_per_hour")
    private BigInteger escrowVariableFeePerHour;

    @Column(name = "escrow_lockup_seconds")
    private Long escrowLockupSeconds;

    @Column(name = "escrow_uptime_arbitration")
    private Boolean escrowUptimeArbitration;

    @Column(name = "channel_unit_name")
    private String channelUnitName;

    @Column(name = "channel_unit_price")
    private BigInteger channelUnitPrice;

    @Column(name = "channel_setup_price")
    private BigInteger channelSetupPrice;

    @Column(name = "channel_min_units")
    private Long channelMinUnits;

    @Column(name = "channel_max_units")
    private Long channelMaxUnits;

    @Column(name = "channel_max_billing_unit_lag")
    private Long channelMaxBillingUnitLag;

    @Column(name = "channel_max_inactive_seconds")
    private Long channelMaxInactiveSeconds;

    @Column(name = "channel_max_suspend_seconds")
    private Long channelMaxSuspendSeconds;

    @Column(name = "channel_supply")
    private Integer channelSupply;

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

    private Offering(String providerId, String name, OfferingTerms terms, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.providerId = requireText(providerId, "providerId");
        this.name = requireText(name, "name");
        this.settlementModel = Objects.requireNonNull(terms, "terms").settlementModel();
        if (terms instanceof OfferingTerms.Escrow escrow) {
            keep(escrow);
        } else if (terms instanceof OfferingTerms.Channel channel) {
            keep(channel.terms());
        }
        this.status = OfferingStatus.SUBMITTED;
        this.submittedAt = now;
    }

    /** A provider's new offering; its settlement model is the one its terms are for. */
    public static Offering submit(String providerId, String name, OfferingTerms terms, OffsetDateTime now) {
        return new Offering(providerId, name, terms, now);
    }

    private void keep(OfferingTerms.Escrow escrow) {
        EscrowTerms terms = escrow.terms();
        escrowSetupFee = terms.setupFee();
        escrowBaseFeePerHour = terms.baseFeePerHour();
        escrowVariableFeePerHour = terms.variableFeePerHour();
        escrowLockupSeconds = terms.lockupSeconds();
        escrowUptimeArbitration = escrow.uptimeArbitration();
    }

    private void keep(ChannelTerms terms) {
        channelUnitName = terms.unitName();
        channelUnitPrice = terms.unitPrice();
        channelSetupPrice = terms.setupPrice();
        channelMinUnits = terms.minUnits();
        channelMaxUnits = terms.maxUnits();
        channelMaxBillingUnitLag = terms.maxBillingUnitLag();
        channelMaxInactiveSeconds = terms.maxInactiveSeconds();
        channelMaxSuspendSeconds = terms.maxSuspendSeconds();
        channelSupply = terms.supply();
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

    /** Withdrawn from sale: the reason and the moment replace the publication's (the audit log keeps both). */
    public void retire(String reason, OffsetDateTime now) {
        decide(OfferingStatus.RETIRED, requireText(reason, "reason"), now);
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

    /** The terms agreements on this offering are made on; empty only for offerings submitted before offerings had terms. */
    public Optional<OfferingTerms> terms() {
        return switch (settlementModel) {
            case ESCROW -> escrowTerms().map(terms -> new OfferingTerms.Escrow(terms, uptimeArbitration()));
            case CHANNEL -> channelTerms().map(OfferingTerms.Channel::new);
        };
    }

    /** The escrow terms, when the offering is billed by escrow. */
    public Optional<EscrowTerms> escrowTerms() {
        if (escrowBaseFeePerHour == null) {
            return Optional.empty();
        }
        return Optional.of(new EscrowTerms(escrowSetupFee, escrowBaseFeePerHour, escrowVariableFeePerHour, escrowLockupSeconds));
    }

    /** Whether an uptime arbiter scales the base fee of this escrow offering's agreements. */
    public boolean uptimeArbitration() {
        return Boolean.TRUE.equals(escrowUptimeArbitration);
    }

    /** The channel terms, when the offering is paid through payment channels. */
    public Optional<ChannelTerms> channelTerms() {
        if (channelUnitPrice == null) {
            return Optional.empty();
        }
        return Optional.of(new ChannelTerms(channelUnitName, channelUnitPrice, channelSetupPrice, channelMinUnits,
                channelMaxUnits, channelMaxBillingUnitLag, channelMaxInactiveSeconds, channelMaxSuspendSeconds, channelSupply));
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

package io.tollway.domain.model.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.Objects;

/** Usage the provider reported, in token units, until a bill charges it. */
@Entity
@Table(name = "usage_report")
public class UsageReport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agreement_id", nullable = false)
    private String agreementId;

    @Column(name = "idempotency_key", nullable = false)
    private String idempotencyKey;

    @Column(nullable = false)
    private BigInteger amount;

    @Column(name = "reported_at", nullable = false)
    private OffsetDateTime reportedAt;

    @Column(name = "bill_number")
    private Integer billNumber;

    protected UsageReport() {
        // for JPA
    }

    public UsageReport(String agreementId, String idempotencyKey, BigInteger amount, OffsetDateTime now) {
        this.agreementId = Objects.requireNonNull(agreementId, "agreementId");
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
            throw new IllegalArgumentException("idempotencyKey must be 1 to 100 characters");
        }
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be more than 0");
        }
        this.idempotencyKey = idempotencyKey;
        this.amount = amount;
        this.reportedAt = now;
    }

    public Long id() { return id; }
    public String agreementIdValue() { return agreementId; }
    public String idempotencyKey() { return idempotencyKey; }
    public BigInteger amount() { return amount; }
    public OffsetDateTime reportedAt() { return reportedAt; }
    public Integer billNumber() { return billNumber; }
}

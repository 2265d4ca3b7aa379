package io.tollway.domain.model.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A cheque the channel's ledger accepted, kept with when it came: the history the agreement shows. */
@Entity
@Table(name = "cheque")
public class AcceptedCheque {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agreement_id", nullable = false)
    private String agreementId;

    @Column(nullable = false)
    private BigInteger balance;

    @Column(nullable = false)
    private String signature;

    @Column(name = "received_at", nullable = false)
    private OffsetDateTime receivedAt;

    protected AcceptedCheque() {
        // for JPA
    }

    public AcceptedCheque(String agreementId, Cheque cheque, OffsetDateTime receivedAt) {
        this.agreementId = Objects.requireNonNull(agreementId, "agreementId");
        this.balance = cheque.balance();
        this.signature = cheque.signature();
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public String agreementId() {
        return agreementId;
    }

    public BigInteger balance() {
        return balance;
    }

    public String signature() {
        return signature;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }
}
